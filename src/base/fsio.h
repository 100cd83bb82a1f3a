/* fsio — reading input files with a size cap, and writing output files
 * atomically (temp file in the target directory, fsync, rename, fsync of
 * the directory), so that nothing half-written is ever left on disk.
 *
 * Ownership: fsio_read_file hands the caller a malloc'd buffer (free()).
 * An fsio_atomic is owned by the caller from fsio_atomic_open until
 * fsio_atomic_commit or fsio_atomic_abort, which release it. */
#ifndef ZORGDOC_FSIO_H
#define ZORGDOC_FSIO_H

#include <stddef.h>

#include "diag.h"

/* Reads all of `path` (at most max_bytes) into *out, NUL-terminated.
 * Returns 0, or -1 with an error in d naming the file. */
int fsio_read_file(const char *path, size_t max_bytes, char **out, size_t *len, diag *d);

typedef struct fsio_atomic fsio_atomic;

enum {
	FSIO_REPLACE = 0,    /* an existing file is replaced */
	FSIO_NOREPLACE = 1,  /* an existing file is an error (issued invoices) */
	FSIO_NOSYNC = 2,     /* no fsync of the file and its directory: the caller
	                        syncs the file system once at the end (batches of
	                        thousands of files; see docs/store.md) and can
	                        tell a damaged file after a crash */
};

/* Opens a temporary file beside `path`; returns NULL with an error in d.
 * A path that exists and is a device, pipe or socket (/dev/stdout) is
 * written straight to instead (never renamed over); a directory is an
 * error, and so is any existing non-file with FSIO_NOREPLACE. */
fsio_atomic *fsio_atomic_open(const char *path, int flags, diag *d);
/* Appends bytes; returns 0 or -1 (the error is reported at commit). */
int fsio_atomic_write(fsio_atomic *f, const void *data, size_t len);
/* First half of a commit: fsyncs (not with FSIO_NOSYNC) and closes the
 * temp file, so that a full disk or a size limit shows now, while nothing
 * is renamed yet. Returns 0, or -1 with an error in d (f stays owned:
 * abort it). Lets a caller with several files (the pages of a PNG) write
 * all or none. */
int fsio_atomic_prepare(fsio_atomic *f, diag *d);
/* fsyncs, renames into place and fsyncs the directory (neither with
 * FSIO_NOSYNC); frees f.
 * Returns 0, or -1 with an error in d (the temp file is removed). */
int fsio_atomic_commit(fsio_atomic *f, diag *d);
/* Removes the temp file and frees f. NULL-safe. */
void fsio_atomic_abort(fsio_atomic *f);

/* Writes a whole buffer atomically. Returns 0 or -1 with an error in d. */
int fsio_write_file(const char *path, const void *data, size_t len, int flags, diag *d);

/* Removes the temporary files a killed zorgdoc left in dir: hidden
 * names holding ".tmp<PID>." (fsio's own temp files and other writers'
 * that follow the same scheme) whose process no longer runs. Returns the
 * number removed; errors are ignored (a leftover is harmless, only
 * untidy). */
int fsio_sweep_temps(const char *dir);

/* Creates a directory and its parents (mode 0755); 0 or -1 with error. */
int fsio_mkdirs(const char *path, diag *d);

#endif
