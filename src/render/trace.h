/* trace — the text trace device: prints every drawing call of a display
 * list, one per line, with positions rounded to 0.01 pt, so that layout can
 * be tested against golden files without comparing PDF bytes (after
 * mupdf's trace device). */
#ifndef ZORGDOC_TRACE_H
#define ZORGDOC_TRACE_H

#include "../base/buf.h"
#include "../layout/dlist.h"

/* Appends the trace of doc to out. */
void trace_write(const dl_doc *doc, buf *out);

#endif
