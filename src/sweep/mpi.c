/* mpi.c: a sweep distributed over MPI ranks (see sched.h). Rank 0 hands out
 * point indices one at a time (every rank expands the same grid from the same
 * command line) and alone writes the database; the other ranks run each point
 * as a child process, as local workers do, and send back its result. */
#include "sched.h"

#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef MSL_HAVE_MPI
#include <mpi.h>
#endif

int sweep_mpi_size(void) {
  const char *vars[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "MPI_LOCALNRANKS"};
  for (size_t k = 0; k < sizeof vars / sizeof vars[0]; k++) {
    const char *v = getenv(vars[k]);
    if (v && atoi(v) > 0) return atoi(v);
  }
  return 1;
}

#ifndef MSL_HAVE_MPI
int sweep_mpi(sweep_ctx *s, const char *db_path, int *is_mpi) {
  (void)s;
  (void)db_path;
  *is_mpi = sweep_mpi_size() > 1;
  if (*is_mpi)
    fprintf(stderr, "msl sweep: launched by mpirun, but this msl was built without MPI"
                    " (install libopenmpi-dev and rebuild)\n");
  return *is_mpi ? 2 : 0;
}
#else

enum { TAG_READY = 1, TAG_RESULT, TAG_POINT, TAG_STOP };

/* Receive any message: its malloc'd, NUL-terminated text, source and tag. */
static char *recv_any(int *src, int *tag) {
  MPI_Status st;
  int n = 0;
  MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
  MPI_Get_count(&st, MPI_CHAR, &n);
  char *buf = malloc((size_t)n + 1);
  if (!buf) {
    fprintf(stderr, "msl sweep: out of memory\n");
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Recv(buf, n, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  buf[n] = '\0';
  *src = st.MPI_SOURCE;
  *tag = st.MPI_TAG;
  return buf;
}

static void master(sweep_ctx *s, int size) {
  char **hosts = calloc((size_t)size, sizeof *hosts);
  int active = size - 1;
  while (active > 0) {
    int src, tag;
    char *msg = recv_any(&src, &tag);
    if (tag == TAG_READY) {
      free(hosts[src]);
      hosts[src] = strdup(msg);
    } else if (tag == TAG_RESULT) {
      /* "<point> <ok> <seconds>\n<json or error>" */
      int i = -1, ok = 0;
      double secs = 0;
      char *text = strchr(msg, '\n');
      if (sscanf(msg, "%d %d %lf", &i, &ok, &secs) == 3 && text && i >= 0 && i < s->npts) {
        child_result r = {ok, ok ? text + 1 : NULL, ok ? NULL : text + 1, secs};
        sweep_record(s, i, &r);
      }
    }
    free(msg);
    int i = sweep_next(s, hosts ? hosts[src] : NULL, src);
    MPI_Send(&i, 1, MPI_INT, src, i >= 0 ? TAG_POINT : TAG_STOP, MPI_COMM_WORLD);
    if (i < 0) active--;
  }
  for (int k = 0; hosts && k < size; k++) free(hosts[k]);
  free(hosts);
}

static void worker(sweep_ctx *s) {
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  MPI_Send(host, (int)strlen(host), MPI_CHAR, 0, TAG_READY, MPI_COMM_WORLD);
  for (;;) {
    int i;
    MPI_Status st;
    MPI_Recv(&i, 1, MPI_INT, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    if (st.MPI_TAG == TAG_STOP || i < 0 || i >= s->npts) break;
    child_result r;
    sweep_run_one(s, i, &r);
    const char *text = r.ok ? r.json : r.error ? r.error : "unknown error";
    size_t n = strlen(text) + 64;
    char *msg = malloc(n);
    if (!msg) {
      fprintf(stderr, "msl sweep: out of memory\n");
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    int len = snprintf(msg, n, "%d %d %.9g\n%s", i, r.ok, r.seconds, text);
    MPI_Send(msg, len, MPI_CHAR, 0, TAG_RESULT, MPI_COMM_WORLD);
    free(msg);
    child_result_free(&r);
  }
}

int sweep_mpi(sweep_ctx *s, const char *db_path, int *is_mpi) {
  *is_mpi = sweep_mpi_size() > 1;
  if (!*is_mpi) return 0;
  MPI_Init(NULL, NULL);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  sweep_signals();
  int rc = 0;
  if (rank == 0) {
    if (sweep_prepare(s, db_path)) MPI_Abort(MPI_COMM_WORLD, 1);
    master(s, size);
    rc = sweep_status(s);
    db_close(s->db);
  } else {
    worker(s);
  }
  MPI_Finalize();
  return rc;
}
#endif
