/* paths — where zorgdoc finds its shipped data (templates, locales,
 * schema, fonts) and how output paths are kept inside an output directory.
 *
 * The data directory is, in order: $ZORGDOC_DATADIR; the source tree when
 * the binary runs from build/ inside it; <prefix>/share/zorgdoc next to an
 * installed binary; the compiled-in ZORGDOC_DATADIR. */
#ifndef ZORGDOC_PATHS_H
#define ZORGDOC_PATHS_H

#include "diag.h"

/* Returns the data directory (borrowed, valid for the process), or NULL. */
const char *paths_datadir(void);
/* Returns datadir/rel as a new string (caller frees). */
char *paths_data_file(const char *rel);
/* Joins dir and a single file name; refuses names with '/', "..", or a
 * leading '.', so nothing is written outside dir. Caller frees; NULL with
 * an error in d. */
char *paths_join_safe(const char *dir, const char *name, diag *d);
/* Returns the directory part of path as a new string (caller frees):
 * "." when path has no '/', "/" for a file in the root. */
char *paths_dir_of(const char *path);

#endif
