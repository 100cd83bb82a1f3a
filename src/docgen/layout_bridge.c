/* layout_bridge — see layout_bridge.h. Converts the template's result into
 * a validated doc_document (the same checks as `zorgdoc render` applies
 * to a file), lays it out and paints it with the chosen device. */
#include "layout_bridge.h"

#include "../doc/doc.h"
#include "../layout/layout.h"

int
docgen_layout_and_render(xmlDocPtr doc, const docgen_opts *opt, const char *path, diag *d)
{
	doc_document *dd = doc_from_xml(doc, path, opt->resource_dir, d);
	if (!dd)
		return -1;
	dl_doc *dl = layout_run(dd, d);
	doc_free(dd);
	if (!dl)
		return -1;
	render_opts ro = { 0 };
	switch (opt->format) {
	case DOCGEN_PNG: ro.format = RENDER_PNG; break;
	case DOCGEN_SVG: ro.format = RENDER_SVG; break;
	case DOCGEN_PDF:
	case DOCGEN_HTML:
	case DOCGEN_TEXT:
	case DOCGEN_XML:
	case DOCGEN__MAX:
		ro.format = RENDER_PDF;
		break;
	}
	ro.device = opt->device;
	ro.password = opt->password;
	ro.attachments = opt->attachments;
	ro.nattachments = opt->nattachments;
	ro.fsio_flags = opt->fsio_flags;
	int r = render_write(dl, &ro, path, d);
	dl_doc_free(dl);
	return r;
}
