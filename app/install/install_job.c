#include "kiosk/install_job.h"

#include "kiosk/diag.h"
#include "kiosk/mem.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ks_install_job {
  pthread_t thread;
  bool started; /* the thread runs (and must be joined) */
  char *src;
  ks_install_opts opts;
  pthread_mutex_t lock; /* guards what follows: written by the job, read by the UI */
  double progress;
  bool done, ok;
  ks_refusal why; /* written by ks_install through opts.refusal, read once done */
};

static void on_progress(void *ctx, double fraction) {
  ks_install_job *job = ctx;
  pthread_mutex_lock(&job->lock);
  job->progress = fraction;
  pthread_mutex_unlock(&job->lock);
}

static void *run(void *arg) {
  ks_install_job *job = arg;
  ks_diag *diag = ks_diag_create();
  bool ok = ks_install(job->src, &job->opts, diag);
  /* The log gets every finding; the screen gets the first refusal (job->why), in plain words. */
  if (!ok && job->why.already_shown) /* a stick left in: not an error worth a log scanner's alarm */
    ks_diag_log(stderr, "kiosk: %s is the pack already shown", job->src);
  else if (ks_diag_size(diag))
    ks_diag_print(diag, stderr);
  pthread_mutex_lock(&job->lock);
  job->ok = ok;
  job->done = true;
  pthread_mutex_unlock(&job->lock);
  ks_diag_destroy(diag);
  return NULL;
}

ks_install_job *ks_install_job_start(const char *src, const ks_install_opts *opts) {
  ks_install_job *job = ks_xcalloc(1, sizeof *job);
  job->src = ks_xstrdup(src);
  job->opts = *opts;
  job->opts.progress = on_progress;
  job->opts.progress_ctx = job;
  job->opts.refusal = &job->why;
  pthread_mutex_init(&job->lock, NULL);
  job->started = pthread_create(&job->thread, NULL, run, job) == 0;
  if (!job->started) {
    job->done = true;
    snprintf(job->why.zh, sizeof job->why.zh, "无法开始安装（线程不足）");
    snprintf(job->why.en, sizeof job->why.en, "cannot start the install (out of threads)");
  }
  return job;
}

bool ks_install_job_poll(ks_install_job *job, double *progress, bool *ok, ks_refusal *why) {
  pthread_mutex_lock(&job->lock);
  bool done = job->done;
  *progress = job->progress;
  *ok = job->ok;
  if (done)
    *why = job->why;
  pthread_mutex_unlock(&job->lock);
  return done;
}

void ks_install_job_destroy(ks_install_job *job) {
  if (!job)
    return;
  if (job->started)
    pthread_join(job->thread, NULL);
  pthread_mutex_destroy(&job->lock);
  free(job->src);
  free(job);
}
