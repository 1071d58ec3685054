/* fields.c: learned receptive fields (the input weights of each neuron as a
 * square tile, e.g. 28x28 for MNIST) as a PNG grid, through gnuplot. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msl/error.h"
#include "msl/npy.h"
#include "report.h"

int report_fields(const char *npy, const char *png, char *err, size_t errlen) {
  double *w = NULL;
  int n, m;
  if (msl_npy_load(npy, &w, &n, &m)) {
    snprintf(err, errlen, "%s", msl_error());
    return -1;
  }
  int side = (int)lround(sqrt((double)m));
  if (side * side != m) {
    snprintf(err, errlen, "%s: rows of %d weights are not square images", npy, m);
    free(w);
    return -1;
  }
  int gc = (int)ceil(sqrt((double)n)), gr = (n + gc - 1) / gc;
  int W = gc * (side + 1) + 1, H = gr * (side + 1) + 1;
  double *img = malloc((size_t)W * H * sizeof *img), hi = 0;
  if (!img) {
    snprintf(err, errlen, "out of memory");
    free(w);
    return -1;
  }
  for (size_t k = 0; k < (size_t)n * m; k++)
    if (w[k] > hi) hi = w[k];
  for (size_t k = 0; k < (size_t)W * H; k++) img[k] = NAN; /* gaps and empty tiles */
  for (int i = 0; i < n; i++) {
    int x0 = 1 + (i % gc) * (side + 1), y0 = 1 + (i / gc) * (side + 1);
    for (int y = 0; y < side; y++)
      for (int x = 0; x < side; x++) img[(size_t)(y0 + y) * W + x0 + x] = w[(size_t)i * m + y * side + x];
  }
  free(w);
  char bin[4200], gp[4200];
  snprintf(bin, sizeof bin, "%s.bin", png);
  snprintf(gp, sizeof gp, "%s.gp", png);
  FILE *b = fopen(bin, "wb"), *g = fopen(gp, "w");
  int ok = b && g && fwrite(img, sizeof *img, (size_t)W * H, b) == (size_t)W * H;
  free(img);
  if (b) ok &= fclose(b) == 0;
  if (!ok || strchr(png, '\'')) {
    snprintf(err, errlen, "cannot write %s or %s", bin, gp);
    if (g) fclose(g);
    return -1;
  }
  int scale = W < 400 ? 800 / W : 2;
  if (scale < 1) scale = 1;
  fprintf(g, "# receptive fields of %s: %d neurons, %dx%d tiles, weights 0..%g (msl report)\n",
          npy, n, side, side, hi);
  fprintf(g, "set terminal pngcairo size %d,%d background rgb '#404040'\nset output '%s'\n",
          W * scale, H * scale, png);
  fprintf(g, "set lmargin 0\nset rmargin 0\nset tmargin 0\nset bmargin 0\n"
             "unset key\nunset tics\nunset border\nunset colorbox\n"
             "set palette defined (0 'white', 0.35 'yellow', 0.7 'red', 1 'black')\n"
             "set cbrange [0:%g]\nset xrange [-0.5:%d.5]\nset yrange [%d.5:-0.5]\n"
             "plot '%s' binary array=(%d,%d) format='%%float64' with image\n",
          hi > 0 ? hi : 1, W - 1, H - 1, bin, W, H);
  fclose(g);
  int rc = run_gnuplot(gp);
  remove(bin);
  if (rc) snprintf(err, errlen, "gnuplot failed on %s", gp);
  else remove(gp); /* it reads the data file just removed */
  return rc;
}
