/* buf — a growable byte buffer and small string helpers.
 *
 * Allocation failure aborts: zorgdoc handles small documents, and a
 * failed malloc leaves nothing sensible to report.
 * Ownership: a buf owns `s`; buf_free releases it, buf_detach hands it
 * to the caller (free with free()). */
#ifndef ZORGDOC_BUF_H
#define ZORGDOC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
	char *s;     /* always NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
} buf;

#define BUF_INIT { NULL, 0, 0 }

void buf_append(buf *b, const void *data, size_t len);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_reset(buf *b);
/* Returns the string (never NULL, "" when empty); the caller owns it. */
char *buf_detach(buf *b);
/* Returns the contents as a string (never NULL); borrowed. */
const char *buf_str(const buf *b);
void buf_free(buf *b);

/* Allocating helpers that abort on failure; the caller frees. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
