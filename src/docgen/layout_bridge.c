/* layout_bridge — see layout_bridge.h. Until the layout engine is wired
 * in, page formats report that they are not available. */
#include "layout_bridge.h"

int
docgen_layout_and_render(xmlDocPtr doc, const docgen_opts *opt, const char *path, diag *d)
{
	(void)doc;
	(void)opt;
	return diag_error(d, path, 0, 0, "PDF, PNG and SVG output are not available in this build yet");
}
