/* An install on a thread of its own, so that the kiosk keeps drawing (a progress bar, and the
 * exhibit for visitors) while a pack is copied, hashed and validated. */
#ifndef KIOSK_INSTALL_JOB_H
#define KIOSK_INSTALL_JOB_H

#include "kiosk/install.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ks_install_job ks_install_job;

/* Starts installing `src`. `opts` is copied; what it points to (keys, folders) must outlive the
 * job, and its progress callback is the job's own. */
ks_install_job *ks_install_job_start(const char *src, const ks_install_opts *opts);
/* How far it is (0…1). Returns true once it has finished, with `*ok` and, when it failed, the
 * reason in `why`, in plain words in both languages. */
bool ks_install_job_poll(ks_install_job *job, double *progress, bool *ok, ks_refusal *why);
/* Waits for the thread and frees the job. */
void ks_install_job_destroy(ks_install_job *job);

#endif
