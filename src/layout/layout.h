/* layout — sets a document (src/doc/doc.h) as pages: a display list
 * (dlist.h) that output devices paint.
 *
 * In: a validated doc_document. Out: a dl_doc of A4 pages holding
 * positioned glyph runs (with clusters, for extractable text), rules,
 * rectangles, the logo, link areas and anchors, plus the outline (one
 * entry per section title) and the document metadata.
 *
 * What it does: text is shaped and broken into lines by pango, justified,
 * with Dutch hyphenation (hyph.h). Blocks become a vertical list of
 * unbreakable pieces (a line, a table row, a signature block) that carry
 * "keep with next" marks: headings keep with what follows, the first and
 * last two lines of a paragraph stay together (no widows or orphans),
 * keep blocks stay together. Pages are filled greedily; a break moves
 * back to the last place where a break is allowed. Tables repeat their
 * header rows on every page; long words break inside narrow cells.
 * The running header and footer are set last, when the page count is
 * known ("pagina 3 van 12" — the words come from the document).
 *
 * Fonts are pinned: only Liberation Sans and Serif, loaded from the data
 * directory's fonts/ or /usr/share/fonts/truetype/liberation2/ into a
 * private fontconfig configuration (fast start-up, same output on every
 * machine).
 *
 * Ownership: layout_run returns an owned dl_doc (dl_doc_free). */
#ifndef ZORGDOC_LAYOUT_H
#define ZORGDOC_LAYOUT_H

#include "../base/diag.h"
#include "../doc/doc.h"
#include "dlist.h"

/* Lays out doc. Returns a new display list, or NULL with an error in d
 * (fonts missing, logo unreadable: with the document's file:line:col). */
dl_doc *layout_run(const doc_document *doc, diag *d);

/* The layout audit (docs/layout-audit.md): typesetting faults — widows,
 * orphans, a heading at the foot of a page, hyphenation faults, text
 * outside the margins, ... — reported by layout_run as diagnostics
 * "audit: page N: RULE: «text»". Off by default; $ZORGDOC_AUDIT=1 makes
 * them warnings, =strict errors (layout_run then fails). */
typedef enum {
	LAYOUT_AUDIT_OFF,
	LAYOUT_AUDIT_WARN,
	LAYOUT_AUDIT_STRICT,
	LAYOUT_AUDIT__MAX
} layout_audit_mode;
/* Sets the mode for the process (overrides $ZORGDOC_AUDIT). */
void layout_audit_set(layout_audit_mode m);
/* Returns the mode in force. */
layout_audit_mode layout_audit_get(void);
/* Returns how many findings the audit reported in this process. */
size_t layout_audit_count(void);

/* Releases the process-wide font set-up and hyphenation dictionary (for
 * leak checkers; layout_run sets them up again when called). */
void layout_cleanup(void);

#endif
