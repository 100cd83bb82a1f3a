/* workers — see workers.h. Frames are little structs of 32-bit lengths
 * followed by bytes, written with one write loop and read with blocking
 * reads once poll() says a result has started to arrive. A worker has at
 * most QUEUE tasks outstanding, so the small result frames always fit in
 * the pipe and neither side can block the other for good. */
#define _GNU_SOURCE
#include "workers.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../base/buf.h"

/* Tasks a worker may have outstanding: enough work (16 zorgnota's, about
 * 35 ms) to keep it busy while the parent issues and commits the next
 * chunk of invoices (invoice batch makes them 32 with workers: about
 * 15 ms); few enough that the tasks (a snapshot, 2-3 kB, about 11 kB with
 * a frozen logo: the task pipe is made 256 kB) fit in its task
 * pipe and the results (tens of bytes each) in its result pipe. */
enum { QUEUE = 16 };

typedef struct {
	pid_t pid;
	int to, from;         /* task pipe (write end), result pipe (read end) */
	size_t q[QUEUE];      /* outstanding task numbers, oldest first */
	size_t nq;
	int dead, reaped;
} worker;

enum { T_PENDING, T_OK, T_FAILED };

typedef struct {
	char *name;
	int state;
} task;

struct workers {
	worker *w;
	size_t n;
	pid_t *pids;
	workers_fn fn;
	void *ud;
	int failed;
	task *t;              /* tasks not yet reported, [next_report, next_seq) */
	size_t cap;           /* ring size */
	size_t next_seq, next_report;
	struct sigaction old_pipe;
	int pipe_ignored;
	int closed;
};

static int
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0) {
		ssize_t r = write(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

/* 1 read all, 0 EOF before the first byte, -1 error or EOF midway. */
static int
read_all(int fd, void *p, size_t n)
{
	char *c = p;
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, c + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0 && got == 0)
			return 0;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 1;
}

static void
put_u32(buf *b, uint32_t v)
{
	buf_append(b, &v, sizeof v);
}

/* ---- the worker side ------------------------------------------------ */

static void
worker_main(workers *w, int in, int out)
{
	/* No key material in a worker; nothing of ours on its stdout. */
	unsetenv("ZORGDOC_PASSPHRASE");
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, 1);
		close(null);
	}
	signal(SIGPIPE, SIG_DFL);
	buf res = BUF_INIT;
	for (;;) {
		uint32_t h[3];
		int r = read_all(in, h, sizeof h);
		if (r <= 0)
			break;
		char *name = xmalloc((size_t)h[1] + 1), *data = xmalloc((size_t)h[2] + 1);
		if ((h[1] && read_all(in, name, h[1]) <= 0) || (h[2] && read_all(in, data, h[2]) <= 0)) {
			free(name);
			free(data);
			break;
		}
		name[h[1]] = '\0';
		data[h[2]] = '\0';
		diag d = DIAG_INIT;
		int rc = w->fn(w->ud, name, h[0], data, h[2], &d);
		free(name);
		memset(data, 0, h[2]);  /* it may hold a client's PDF password */
		free(data);
		buf_reset(&res);
		put_u32(&res, rc == 0 ? 0 : 1);
		put_u32(&res, (uint32_t)d.n);
		for (size_t i = 0; i < d.n; i++) {
			const diag_item *it = &d.items[i];
			size_t fl = it->file ? strlen(it->file) : 0, ml = strlen(it->msg);
			put_u32(&res, (uint32_t)it->sev);
			put_u32(&res, (uint32_t)it->line);
			put_u32(&res, (uint32_t)it->col);
			put_u32(&res, it->file ? (uint32_t)fl : UINT32_MAX);
			put_u32(&res, (uint32_t)ml);
			buf_append(&res, it->file ? it->file : "", fl);
			buf_append(&res, it->msg, ml);
		}
		diag_free(&d);
		if (write_all(out, res.s, res.len) != 0)
			break;
	}
	buf_free(&res);
	_exit(0);
}

/* ---- the parent side ------------------------------------------------ */

workers *
workers_new(int jobs, workers_fn fn, void *ud, diag *d)
{
	workers *w = xcalloc(1, sizeof *w);
	w->fn = fn;
	w->ud = ud;
	w->cap = 64;
	w->t = xcalloc(w->cap, sizeof *w->t);
	if (jobs <= 1)
		return w;
	/* A dead worker's pipe must be an error to report, not a signal. */
	struct sigaction ign = { 0 };
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &w->old_pipe);
	w->pipe_ignored = 1;
	w->w = xcalloc((size_t)jobs, sizeof *w->w);
	w->pids = xcalloc((size_t)jobs, sizeof *w->pids);
	fflush(NULL);
	for (int i = 0; i < jobs; i++) {
		int tp[2], rp[2];
		if (pipe2(tp, O_CLOEXEC) != 0) {
			diag_error(d, NULL, 0, 0, "cannot start workers: %s", strerror(errno));
			workers_free(w);
			return NULL;
		}
		/* QUEUE snapshots of about 10 kB (with a frozen logo) in the
		 * pipe, so the parent need not wait for a busy worker; best
		 * effort (the default 64 kB works, only slower) */
		(void)fcntl(tp[1], F_SETPIPE_SZ, 256 << 10);
		if (pipe2(rp, O_CLOEXEC) != 0) {
			diag_error(d, NULL, 0, 0, "cannot start workers: %s", strerror(errno));
			close(tp[0]);
			close(tp[1]);
			workers_free(w);
			return NULL;
		}
		pid_t pid = fork();
		if (pid < 0) {
			diag_error(d, NULL, 0, 0, "cannot start workers: %s", strerror(errno));
			close(tp[0]);
			close(tp[1]);
			close(rp[0]);
			close(rp[1]);
			workers_free(w);
			return NULL;
		}
		if (pid == 0) {
			/* the other workers' pipes must close when the parent's do */
			for (size_t k = 0; k < w->n; k++) {
				close(w->w[k].to);
				close(w->w[k].from);
			}
			close(tp[1]);
			close(rp[0]);
			worker_main(w, tp[0], rp[1]);
		}
		close(tp[0]);
		close(rp[1]);
		worker *k = &w->w[w->n++];
		k->pid = pid;
		k->to = tp[1];
		k->from = rp[0];
		w->pids[w->n - 1] = pid;
	}
	return w;
}

const pid_t *
workers_pids(const workers *w, size_t *n)
{
	*n = w->n;
	return w->pids;
}

static task *
task_at(workers *w, size_t seq)
{
	return &w->t[seq % w->cap];
}

/* Reports finished tasks from the oldest on, stopping at a pending one. */
static void
report(workers *w, workers_done_fn done, void *ud)
{
	while (w->next_report < w->next_seq) {
		task *t = task_at(w, w->next_report);
		if (t->state == T_PENDING)
			break;
		if (done)
			done(ud, t->name, t->state == T_OK);
		free(t->name);
		t->name = NULL;
		w->next_report++;
	}
}

/* Describes how worker k ended (reaping it). */
static void
worker_died(workers *w, worker *k, diag *d)
{
	int status = 0;
	char how[64] = "ended unexpectedly";
	if (!k->reaped && waitpid(k->pid, &status, 0) == k->pid) {
		k->reaped = 1;
		if (WIFSIGNALED(status))
			snprintf(how, sizeof how, "was killed by signal %d", WTERMSIG(status));
		else if (WIFEXITED(status))
			snprintf(how, sizeof how, "exited with status %d", WEXITSTATUS(status));
	}
	if (k->nq)
		diag_error(d, NULL, 0, 0, "rendering worker %ld %s while rendering %s; "
		    "the invoices are issued: run the batch again to render their PDFs",
		    (long)k->pid, how, task_at(w, k->q[0])->name);
	else
		diag_error(d, NULL, 0, 0, "rendering worker %ld %s; the invoices are issued: "
		    "run the batch again to render their PDFs", (long)k->pid, how);
	for (size_t i = 0; i < k->nq; i++)
		task_at(w, k->q[i])->state = T_FAILED;
	k->nq = 0;
	k->dead = 1;
	w->failed = 1;
	close(k->to);
	close(k->from);
	k->to = k->from = -1;
}

/* Reads one result frame of worker k. */
static void
read_result(workers *w, worker *k, diag *d)
{
	uint32_t h[2];
	int r = read_all(k->from, h, sizeof h);
	if (r <= 0 || k->nq == 0) {
		worker_died(w, k, d);
		return;
	}
	int ok = h[0] == 0;
	for (uint32_t i = 0; i < h[1]; i++) {
		uint32_t f[5];
		if (read_all(k->from, f, sizeof f) <= 0) {
			worker_died(w, k, d);
			return;
		}
		size_t fl = f[3] == UINT32_MAX ? 0 : f[3];
		char *file = xmalloc(fl + 1), *msg = xmalloc((size_t)f[4] + 1);
		if ((fl && read_all(k->from, file, fl) <= 0) ||
		    (f[4] && read_all(k->from, msg, f[4]) <= 0)) {
			free(file);
			free(msg);
			worker_died(w, k, d);
			return;
		}
		file[fl] = '\0';
		msg[f[4]] = '\0';
		diag_add(d, f[0] < DIAG__MAX ? (diag_severity)f[0] : DIAG_ERROR,
		    f[3] == UINT32_MAX ? NULL : file, (int)f[1], (int)f[2], "%s", msg);
		free(file);
		free(msg);
	}
	task_at(w, k->q[0])->state = ok ? T_OK : T_FAILED;
	memmove(k->q, k->q + 1, (k->nq - 1) * sizeof k->q[0]);
	k->nq--;
	if (!ok)
		w->failed = 1;
}

/* Collects the results that are there (block: waits for at least one). */
static void
pump(workers *w, int block, diag *d)
{
	struct pollfd pf[64];
	size_t idx[64], np = 0;
	for (size_t i = 0; i < w->n && np < 64; i++) {
		if (w->w[i].dead || w->w[i].nq == 0)
			continue;
		pf[np].fd = w->w[i].from;
		pf[np].events = POLLIN;
		pf[np].revents = 0;
		idx[np++] = i;
	}
	if (np == 0)
		return;
	int r;
	do
		r = poll(pf, np, block ? -1 : 0);
	while (r < 0 && errno == EINTR);
	for (size_t i = 0; r > 0 && i < np; i++)
		if (pf[i].revents & (POLLIN | POLLHUP | POLLERR))
			read_result(w, &w->w[idx[i]], d);
}

static size_t
outstanding(const workers *w)
{
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++)
		n += w->w[i].nq;
	return n;
}

/* Makes room for one more unreported task in the ring. */
static void
ring_room(workers *w)
{
	if (w->next_seq - w->next_report < w->cap)
		return;
	size_t cap = 2 * w->cap;
	task *t = xcalloc(cap, sizeof *t);
	for (size_t s = w->next_report; s < w->next_seq; s++)
		t[s % cap] = w->t[s % w->cap];
	free(w->t);
	w->t = t;
	w->cap = cap;
}

int
workers_submit(workers *w, const char *name, unsigned flags, const char *data, size_t len,
    workers_done_fn done, void *ud, diag *d)
{
	if (w->failed || w->closed)
		return -1;
	if (w->n == 0) {
		ring_room(w);
		task *t = task_at(w, w->next_seq++);
		t->name = xstrdup(name);
		t->state = w->fn(w->ud, name, flags, data, len, d) == 0 ? T_OK : T_FAILED;
		if (t->state == T_FAILED)
			w->failed = 1;
		report(w, done, ud);
		return w->failed ? -1 : 0;
	}
	pump(w, 0, d);
	report(w, done, ud);
	worker *k = NULL;
	for (;;) {
		if (w->failed)
			return -1;
		k = NULL;
		for (size_t i = 0; i < w->n; i++)
			if (!w->w[i].dead && w->w[i].nq < QUEUE && (!k || w->w[i].nq < k->nq))
				k = &w->w[i];
		/* Results are reported in order: a slow task holds the later
		 * ones back, and their number is bounded here. */
		if (k && w->next_seq - w->next_report < 8 * w->n * QUEUE)
			break;
		if (outstanding(w) == 0)
			break;
		pump(w, 1, d);
		report(w, done, ud);
	}
	if (!k)
		return -1;
	ring_room(w);
	size_t seq = w->next_seq++;
	task *t = task_at(w, seq);
	t->name = xstrdup(name);
	t->state = T_PENDING;
	k->q[k->nq++] = seq;
	buf f = BUF_INIT;
	size_t nl = strlen(name);
	put_u32(&f, flags);
	put_u32(&f, (uint32_t)nl);
	put_u32(&f, (uint32_t)len);
	buf_append(&f, name, nl);
	buf_append(&f, data, len);
	int wr = write_all(k->to, f.s, f.len);
	buf_free(&f);
	if (wr != 0) {
		worker_died(w, k, d);
		report(w, done, ud);
		return -1;
	}
	return 0;
}

int
workers_wait(workers *w, workers_done_fn done, void *ud, diag *d)
{
	while (outstanding(w) > 0)
		pump(w, 1, d);
	report(w, done, ud);
	return w->failed ? -1 : 0;
}

int
workers_close(workers *w, diag *d)
{
	if (w->closed)
		return w->failed ? -1 : 0;
	w->closed = 1;
	for (size_t i = 0; i < w->n; i++) {
		worker *k = &w->w[i];
		if (k->to >= 0)
			close(k->to);
		k->to = -1;
	}
	for (size_t i = 0; i < w->n; i++) {
		worker *k = &w->w[i];
		if (k->from >= 0)
			close(k->from);
		k->from = -1;
		int status = 0;
		if (!k->reaped && waitpid(k->pid, &status, 0) == k->pid) {
			k->reaped = 1;
			if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0) && !k->dead) {
				k->dead = 1;
				w->failed = 1;
				diag_error(d, NULL, 0, 0, "rendering worker %ld %s %d", (long)k->pid,
				    WIFSIGNALED(status) ? "was killed by signal" : "exited with status",
				    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
			}
		}
	}
	if (w->pipe_ignored)
		sigaction(SIGPIPE, &w->old_pipe, NULL);
	w->pipe_ignored = 0;
	return w->failed ? -1 : 0;
}

void
workers_free(workers *w)
{
	if (!w)
		return;
	diag ignore = DIAG_INIT;
	workers_close(w, &ignore);
	diag_free(&ignore);
	for (size_t s = w->next_report; s < w->next_seq; s++)
		free(task_at(w, s)->name);
	free(w->t);
	free(w->w);
	free(w->pids);
	free(w);
}
