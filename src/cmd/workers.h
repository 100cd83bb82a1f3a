/* workers — a pool of forked processes that run one function on tasks
 * (invoice batch -o: a snapshot in, a PDF file out), so that a batch uses
 * every core. The parent keeps everything else: the store is never opened
 * in a worker, and no sqlite handle or key material crosses the fork (the
 * pool is started before the store is opened; workers drop
 * $ZORGDOC_PASSPHRASE from their environment).
 *
 * Protocol (pipes, one pair per worker): the parent writes a task frame
 * (flags, name, data); the worker runs fn and answers with a result frame
 * (status and its diagnostics: file, line, column, message). A worker
 * handles its tasks in order; the parent reports results in the order the
 * tasks were submitted. A worker that dies (EOF or a write error on its
 * pipes) is an error naming the task it had; the pool then accepts no
 * more tasks. With jobs <= 1 no process is started: tasks run at submit
 * time in the calling process, with the same results.
 *
 * Ownership: the pool owns its processes and pipes; workers_free closes
 * the pipes and waits for the workers if workers_close was not called
 * (they finish what they were sent). */
#ifndef ZORGDOC_WORKERS_H
#define ZORGDOC_WORKERS_H

#include <stddef.h>
#include <sys/types.h>

#include "../base/diag.h"

/* Runs one task in a worker: 0 ok, -1 with errors in d. name and data are
 * borrowed for the call. */
typedef int (*workers_fn)(void *ud, const char *name, unsigned flags, const char *data,
    size_t len, diag *d);

/* Called for each finished task, in submission order: ok is 1 or 0. */
typedef void (*workers_done_fn)(void *ud, const char *name, int ok);

typedef struct workers workers;

/* Starts `jobs` workers running fn(ud, ...) (jobs <= 1: none, in process).
 * Returns the pool (owned; workers_free) or NULL with an error. */
workers *workers_new(int jobs, workers_fn fn, void *ud, diag *d);

/* Hands a task to a worker (waiting for one to have room); results of
 * tasks finished meanwhile are reported through done. Returns 0, or -1
 * when the pool has failed (a task failed or a worker died: errors in d);
 * then no more tasks are accepted. */
int workers_submit(workers *w, const char *name, unsigned flags, const char *data, size_t len,
    workers_done_fn done, void *ud, diag *d);

/* Waits for every submitted task and reports them through done. Returns
 * 0 when all succeeded, else -1 with errors in d. The pool stays usable
 * if nothing failed. */
int workers_wait(workers *w, workers_done_fn done, void *ud, diag *d);

/* Tells the workers there is no more work and waits for them to exit.
 * Returns 0, or -1 with an error when one did not end normally. */
int workers_close(workers *w, diag *d);

/* The worker processes' ids (n of them; none with jobs <= 1), for tests
 * and messages. Borrowed. */
const pid_t *workers_pids(const workers *w, size_t *n);

/* Closes the pipes, waits for the workers and frees the pool. NULL-safe. */
void workers_free(workers *w);

#endif
