/* csv — a strict RFC 4180 reader for imports from spreadsheets: a header
 * row, ',' or ';' as separator (taken from the header row, as Dutch
 * spreadsheets write ';'), double quotes with "" inside, fields spanning
 * lines, CRLF or LF, a UTF-8 byte order mark. Rows know the line they
 * start on, for messages. */
#ifndef ZORGDOC_CMD_CSV_H
#define ZORGDOC_CMD_CSV_H

#include <stddef.h>

typedef struct csv csv;

typedef struct {
	char **f;     /* fields (owned by the reader until the next call) */
	size_t n;
	int line;     /* the line the row starts on (1-based) */
} csv_row;

/* A reader over data[0..len) (borrowed; must outlive the reader). */
csv *csv_new(const char *data, size_t len);
/* NULL-safe. */
void csv_free(csv *c);
/* Reads the next row: 1 with *row filled, 0 at the end, -1 with a static
 * message in *err (row->line says where). */
int csv_next(csv *c, csv_row *row, const char **err);

#endif
