/* layout_bridge — the one place where docgen calls the layout engine and
 * the output devices for PDF, PNG and SVG. */
#ifndef ZORGDOC_LAYOUT_BRIDGE_H
#define ZORGDOC_LAYOUT_BRIDGE_H

#include "docgen.h"

/* Lays out doc and paints it into path with opt's device. 0 or -1. */
int docgen_layout_and_render(xmlDocPtr doc, const docgen_opts *opt, const char *path, diag *d);

#endif
