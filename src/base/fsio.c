/* fsio — see fsio.h. Capped reads and atomic writes. */
#define _GNU_SOURCE
#include "fsio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "buf.h"

int
fsio_read_file(const char *path, size_t max_bytes, char **out, size_t *len, diag *d)
{
	*out = NULL;
	if (len)
		*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return diag_error(d, path, 0, 0, "cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return diag_error(d, path, 0, 0, "is a directory, not a file");
	}
	buf b = BUF_INIT;
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			buf_free(&b);
			return diag_error(d, path, 0, 0, "cannot read: %s", strerror(e));
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max_bytes) {
			close(fd);
			buf_free(&b);
			return diag_error(d, path, 0, 0,
			    "file is larger than the limit of %zu KiB", max_bytes / 1024);
		}
		buf_append(&b, chunk, (size_t)n);
	}
	close(fd);
	if (len)
		*len = b.len;
	*out = buf_detach(&b);
	return 0;
}

struct fsio_atomic {
	int fd;
	int flags;
	int failed_errno;
	char *path;
	char *tmp;   /* NULL: writing straight to a device or pipe */
	char *dir;
};

/* An existing path that is not a regular file: a directory is an error;
 * a device, pipe or socket (/dev/stdout, /dev/full, a fifo) is written
 * straight to, since renaming a temp file over it would replace the
 * device node itself (as root, /dev/full became a plain file). Returns
 * 1 when handled (*out set, or NULL with an error), 0 for a regular or
 * missing file. */
static int
atomic_open_special(const char *path, int flags, fsio_atomic **out, diag *d)
{
	struct stat st;
	*out = NULL;
	if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
		return 0;
	if (S_ISDIR(st.st_mode)) {
		diag_error(d, path, 0, 0, "is a directory, not a file");
		return 1;
	}
	if (flags & FSIO_NOREPLACE) {
		diag_error(d, path, 0, 0, "file exists already; it is never overwritten");
		return 1;
	}
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		diag_error(d, path, 0, 0, "cannot write file: %s", strerror(errno));
		return 1;
	}
	fsio_atomic *f = xcalloc(1, sizeof *f);
	f->fd = fd;
	f->flags = flags;
	f->path = xstrdup(path);
	*out = f;
	return 1;
}

fsio_atomic *
fsio_atomic_open(const char *path, int flags, diag *d)
{
	fsio_atomic *special;
	if (atomic_open_special(path, flags, &special, d))
		return special;
	char *copy = xstrdup(path);
	char *dir = xstrdup(dirname(copy));
	free(copy);
	copy = xstrdup(path);
	char *base = xstrdup(basename(copy));
	free(copy);
	int fd = -1;
	char *tmp = NULL;
	for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
		free(tmp);
		tmp = xasprintf("%s/.%s.tmp%ld.%d", dir, base, (long)getpid(), attempt);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	free(base);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		free(dir);
		diag_error(d, path, 0, 0, "cannot create file: %s", strerror(e));
		return NULL;
	}
	fsio_atomic *f = xcalloc(1, sizeof *f);
	f->fd = fd;
	f->flags = flags;
	f->path = xstrdup(path);
	f->tmp = tmp;
	f->dir = dir;
	return f;
}

int
fsio_atomic_write(fsio_atomic *f, const void *data, size_t len)
{
	const char *p = data;
	if (f->failed_errno)
		return -1;
	while (len > 0) {
		ssize_t n = write(f->fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			f->failed_errno = errno;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void
atomic_release(fsio_atomic *f)
{
	free(f->path);
	free(f->tmp);
	free(f->dir);
	free(f);
}

void
fsio_atomic_abort(fsio_atomic *f)
{
	if (!f)
		return;
	if (f->fd >= 0)
		close(f->fd);
	if (f->tmp)
		unlink(f->tmp);
	atomic_release(f);
}

/* fsyncs, sets the mode and closes the temp file; 0 or an errno. */
static int
atomic_sync(fsio_atomic *f)
{
	int e = f->failed_errno;
	if (f->fd < 0)
		return e;
	if (!e && !(f->flags & FSIO_NOSYNC) && fsync(f->fd) != 0)
		e = errno;
	/* fchmod to the usual 0644 less umask: output documents are meant to
	 * be read; the store sets its own modes. */
	mode_t um = umask(0);
	umask(um);
	if (!e && fchmod(f->fd, 0644 & ~um) != 0)
		e = errno;
	if (close(f->fd) != 0 && !e)
		e = errno;
	f->fd = -1;
	f->failed_errno = e;
	return e;
}

int
fsio_atomic_prepare(fsio_atomic *f, diag *d)
{
	if (!f->tmp)
		return 0;  /* a device: nothing to sync ahead */
	int e = atomic_sync(f);
	if (e)
		return diag_error(d, f->path, 0, 0, "cannot write file: %s", strerror(e));
	return 0;
}

int
fsio_atomic_commit(fsio_atomic *f, diag *d)
{
	int e = f->failed_errno;
	if (!f->tmp) {
		/* a device or pipe: no fsync (EINVAL there), no rename */
		if (close(f->fd) != 0 && !e)
			e = errno;
		f->fd = -1;
		if (e)
			diag_error(d, f->path, 0, 0, "cannot write file: %s", strerror(e));
		atomic_release(f);
		return e ? -1 : 0;
	}
	e = atomic_sync(f);
	if (e) {
		diag_error(d, f->path, 0, 0, "cannot write file: %s", strerror(e));
		fsio_atomic_abort(f);
		return -1;
	}
	int r;
	if (f->flags & FSIO_NOREPLACE) {
		r = (int)syscall(SYS_renameat2, AT_FDCWD, f->tmp, AT_FDCWD, f->path,
		    1 /* RENAME_NOREPLACE */);
		if (r != 0 && errno == EEXIST) {
			diag_error(d, f->path, 0, 0, "file exists already; it is never overwritten");
			fsio_atomic_abort(f);
			return -1;
		}
	} else {
		r = rename(f->tmp, f->path);
	}
	if (r != 0) {
		diag_error(d, f->path, 0, 0, "cannot write file: %s", strerror(errno));
		fsio_atomic_abort(f);
		return -1;
	}
	int dfd = f->flags & FSIO_NOSYNC ? -1 : open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	atomic_release(f);
	return 0;
}

int
fsio_write_file(const char *path, const void *data, size_t len, int flags, diag *d)
{
	fsio_atomic *f = fsio_atomic_open(path, flags, d);
	if (!f)
		return -1;
	fsio_atomic_write(f, data, len);
	return fsio_atomic_commit(f, d);
}

int
fsio_mkdirs(const char *path, diag *d)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			int e = errno;
			diag_error(d, p, 0, 0, "cannot create directory: %s", strerror(e));
			free(p);
			return -1;
		}
		*s = '/';
	}
	if (mkdir(p, 0755) != 0 && errno != EEXIST) {
		int e = errno;
		diag_error(d, p, 0, 0, "cannot create directory: %s", strerror(e));
		free(p);
		return -1;
	}
	struct stat st;
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_error(d, p, 0, 0, "exists and is not a directory");
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

/* The pid in a temp name ".BASE.tmp<PID>.<N>", or 0 when name is not one. */
static long
temp_name_pid(const char *name)
{
	if (name[0] != '.')
		return 0;
	for (const char *p = strstr(name, ".tmp"); p; p = strstr(p + 1, ".tmp")) {
		const char *q = p + 4;
		long pid = 0;
		while (*q >= '0' && *q <= '9' && pid < 100000000)
			pid = pid * 10 + (*q++ - '0');
		if (q > p + 4 && *q == '.' && pid > 0)
			return pid;
	}
	return 0;
}

int
fsio_sweep_temps(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		long pid = temp_name_pid(e->d_name);
		if (pid <= 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;  /* still running (or not ours to know) */
		if (unlinkat(dirfd(dp), e->d_name, 0) == 0)
			n++;
	}
	closedir(dp);
	return n;
}
