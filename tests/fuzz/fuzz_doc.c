/* fuzz_doc — libFuzzer target for the document reader and the layout
 * engine: arbitrary bytes as a document XML through the hardened parser,
 * RELAX NG validation (schema/doc.rng), conversion, and — when valid —
 * layout into a display list and the trace device. Must never crash,
 * leak or hang. Built and run by `make fuzz` (tests/fuzz/run.sh). */
#include <stdint.h>
#include <stdlib.h>

#include "../../src/base/buf.h"
#include "../../src/base/paths.h"
#include "../../src/base/xmlsafe.h"
#include "../../src/doc/doc.h"
#include "../../src/layout/layout.h"
#include "../../src/render/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int inited;
	if (!inited) {
		diag d = DIAG_INIT;
		if (xmlsafe_init(paths_datadir(), &d) != 0)
			abort();
		inited = 1;
	}
	diag d = DIAG_INIT;
	/* the logo resolves in the corpus directory: none there, so an
	 * error, which is fine */
	doc_document *doc = doc_parse((const char *)data, size, "fuzz.xml", "/nonexistent", &d);
	if (doc) {
		dl_doc *dl = layout_run(doc, &d);
		if (dl) {
			buf b = BUF_INIT;
			trace_write(dl, &b);
			buf_free(&b);
		}
		dl_doc_free(dl);
		doc_free(doc);
	}
	diag_free(&d);
	return 0;
}
