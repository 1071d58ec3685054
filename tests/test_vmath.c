/* test_vmath.c: vm_exp and vm_log against libm over the ranges msl uses. */
#include <math.h>

#include "check.h"
#include "engine/vmath.h"

static double ulps(double a, double b) {
  if (a == b) return 0.0;
  return fabs(a - b) / (nextafter(fabs(b), INFINITY) - fabs(b));
}

int main(void) {
  double worst_exp = 0, worst_log = 0;
  for (int k = 0; k <= 200000; k++) {
    double x = -700.0 + 1400.0 * k / 200000.0 + 1e-7 * (k % 7);
    double u = ulps(vm_exp(x), exp(x));
    if (u > worst_exp) worst_exp = u;
  }
  for (int k = 0; k <= 200000; k++) {
    double x = -5.0 + 10.0 * k / 200000.0; /* fine grid where devices live */
    double u = ulps(vm_exp(x), exp(x));
    if (u > worst_exp) worst_exp = u;
  }
  for (int k = 1; k <= 200000; k++) {
    double x = pow(10.0, -300.0 + 600.0 * k / 200000.0);
    double u = ulps(vm_log(x), log(x));
    if (fabs(log(x)) > 1e-3 && u > worst_log) worst_log = u;
    CHECK_NEAR(vm_log(x), log(x), 1e-15);
  }
  for (int k = 1; k <= 100000; k++) { /* around 1, absolute error matters */
    double x = 0.5 + k / 100000.0;
    CHECK_NEAR(vm_log(x), log(x), 2e-16);
  }
  printf("worst vm_exp error %.2f ulp, worst vm_log error %.2f ulp\n", worst_exp, worst_log);
  CHECK(worst_exp <= 2.0);
  CHECK(worst_log <= 2.0);
  /* Exact points and edges. */
  CHECK(vm_exp(0.0) == 1.0);
  CHECK(vm_log(1.0) == 0.0);
  CHECK(vm_exp(-800.0) == 0.0);
  CHECK(isinf(vm_exp(800.0)));
  CHECK_NEAR(vm_exp(1.0), 2.718281828459045, 1e-15);
  CHECK_NEAR(vm_log(10.0), 2.302585092994046, 1e-15);
  return check_done();
}
