/* cell.h: the cell circuit, between the crossbar's lines and the memristor.
 *
 * A cell circuit maps the voltage a driver puts on a cell's lines to the
 * voltage across its memristor, and gives the power drawn from the supply.
 * 1R (src/cells/one_r.c) is the memristor alone: it sees the line voltage
 * and draws its own current. Circuits with an access transistor (1T1R,
 * 2T1R, src/cells/access.c) add a gate and solve the series circuit in
 * every substep of a pulse (op pulse), so their memristor's voltage and the
 * supply's energy depend on each cell's state (docs/devices.md, "Cell
 * circuits").
 *
 * Required: name. Optional (NULL: 1R's behaviour): across, power, pulse,
 * read. */
#ifndef MSL_CELL_H
#define MSL_CELL_H

#include "msl/api.h"

#include "msl/device.h"

MSL_BEGIN_DECLS

typedef struct msl_cell msl_cell;

typedef struct msl_cell_ops {
  const char *name;
  /* The memristor's voltages for n line voltages (NULL: the same). */
  void (*across)(const msl_cell *c, const msl_device *d, const double *v_line, double *v_mem,
                 int n);
  /* p[k]: the supply power at line voltage v[k] of a cell of weight 1, per
   * unit of G1 (V^2). Returns 0 if the circuit is ohmic at every voltage
   * (p = v^2, left unwritten), 1 if it wrote p. NULL: the device's power. */
  int (*power)(const msl_cell *c, const msl_device *d, const double *v, double *p, int n);
  /* One pulse of width dt on n cells s[at[k]], w[at[k]] at line voltages
   * v[k] (the circuit's meaning: 1T1R, V > 0 the gate's potentiating
   * voltage, V < 0 minus the depressing one), through the circuit in
   * substeps; a cell at 0 V is left alone. Adds the supply's energy to
   * st->energy_pot_j (V > 0) and st->energy_dep_j (V < 0). 0, or -1 with
   * msl_error(). NULL: the device's drive and pulse of the across voltages. */
  int (*pulse)(const msl_cell *c, const msl_device *d, double *s, double *w, const ptrdiff_t *at,
               const double *v, int n, double dt, msl_pulse_stats *st);
  /* The supply's read current of a cell of weight w > 0 at the device's
   * read voltage, per w G1 Vread (1 for 1R). NULL: 1. */
  double (*read)(const msl_cell *c, const msl_device *d, double w);
} msl_cell_ops;

struct msl_cell {
  const msl_cell_ops *ops;
  void *content;
};

/* The cell circuit named name ("1r"; NULL = "1r"); NULL with msl_error(). */
msl_cell *msl_cell_new(const char *name, const msl_params *p);
void msl_cell_free(msl_cell *c);
/* The ops with their defaults applied: */
int msl_cell_power(const msl_cell *c, const msl_device *d, const double *v, double *p, int n);
/* Comma-separated names of the cell circuits. */
const char *msl_cell_names(void);
/* The cell circuits' parameters: "cell" (the circuit's name) and the
 * access transistors' (src/cells/access.c). */
msl_param_list msl_cell_param_list(void);
/* The circuit that params name with --cell (default "1r"). */
const char *msl_cell_name(const msl_params *p);

MSL_END_DECLS

#endif
