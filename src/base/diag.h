/* diag — diagnostics collected while zorgdoc works.
 *
 * Every stage reports problems into a `diag` list instead of printing:
 * file, line, column, severity and a message. Only main (src/main.c)
 * prints them, as `file:line:col: error: message`. Messages must never
 * quote personal data from the input beyond what identifies the problem.
 *
 * Ownership: a diag owns its items and their strings; diag_free releases
 * them (the diag struct itself is the caller's, usually on the stack). */
#ifndef ZORGDOC_DIAG_H
#define ZORGDOC_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef enum {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE,
	DIAG__MAX
} diag_severity;

typedef struct {
	diag_severity sev;
	char *file; /* may be NULL */
	int line;   /* 0 when unknown */
	int col;    /* 0 when unknown */
	char *msg;
} diag_item;

typedef struct {
	diag_item *items;
	size_t n, cap;
	size_t nerrors, nwarnings;
} diag;

#define DIAG_INIT { NULL, 0, 0, 0, 0 }

/* Adds an item; returns -1 for DIAG_ERROR and 0 otherwise, so that
 * `return diag_add(...)` and `return diag_error(...)` read naturally. */
int diag_add(diag *d, diag_severity sev, const char *file, int line, int col,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int diag_vadd(diag *d, diag_severity sev, const char *file, int line, int col,
    const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
/* Shorthands; diag_error always returns -1. */
int diag_error(diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_warning(diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Stable sort by file, then line, then column (items without a line first). */
void diag_sort(diag *d);
/* Turns every warning into an error (for --strict). */
void diag_promote_warnings(diag *d);
/* Moves all items of src to the end of dst; src is left empty. */
void diag_move(diag *dst, diag *src);
/* Prints every item as `file:line:col: severity: message`. */
void diag_print(const diag *d, FILE *fp);
/* Releases all items; the diag can be reused. NULL-safe. */
void diag_free(diag *d);
const char *diag_severity_name(diag_severity sev);

#endif
