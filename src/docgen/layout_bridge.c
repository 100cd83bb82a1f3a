/* layout_bridge — see layout_bridge.h. A finished document tree → the
 * doc reader (validation against schema/doc.rng) → layout → the output
 * device render_write picks for opt's format. */
#include "layout_bridge.h"

#include "../doc/doc.h"
#include "../layout/layout.h"

int
docgen_layout_and_render(xmlDocPtr doc, const docgen_opts *opt, const char *path, diag *d)
{
	render_opts ro = { 0 };
	switch (opt->format) {
	case DOCGEN_PDF:
		ro.format = RENDER_PDF;
		break;
	case DOCGEN_PNG:
		ro.format = RENDER_PNG;
		break;
	case DOCGEN_SVG:
		ro.format = RENDER_SVG;
		break;
	case DOCGEN_HTML:
	case DOCGEN_TEXT:
	case DOCGEN_XML:
	case DOCGEN__MAX:
		return diag_error(d, path, 0, 0, "not a page format");
	}
	ro.device = opt->device;
	ro.password = opt->password;
	ro.attachments = opt->attachments;
	ro.nattachments = opt->nattachments;
	/* messages name the document by its output: a template's result has
	 * no file of its own */
	doc_document *dd = doc_from_xml(doc, path, opt->resource_dir, d);
	if (!dd)
		return -1;
	dl_doc *dl = layout_run(dd, d);
	int rc = dl ? render_write(dl, &ro, path, d) : -1;
	dl_doc_free(dl);
	doc_free(dd);
	return rc;
}
