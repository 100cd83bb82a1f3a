/* merge — see merge.h. Every source stays open until the merged file is
 * written (qpdf copies pages lazily), so memory grows with the batch: fine
 * for a practice's month, not meant for 10,000 invoices at once. */
#include "merge.h"

#include <qpdf/qpdf-c.h>
#include <stdlib.h>

static int
merge_fail(qpdf_data q, const char *path, const char *what, diag *d)
{
	const char *detail = NULL;
	if (q && qpdf_has_error(q)) {
		qpdf_error e = qpdf_get_error(q);
		detail = e ? qpdf_get_error_message_detail(q, e) : NULL;
	}
	return diag_error(d, path, 0, 0, "cannot merge PDFs: %s%s%s", what,
	    detail && *detail ? ": " : "", detail ? detail : "");
}

int
render_pdf_merge(const char *const *paths, size_t n, buf *out, diag *d)
{
	return render_pdf_merge_pw(paths, NULL, n, out, d);
}

int
render_pdf_merge_pw(const char *const *paths, const char *const *passwords, size_t n, buf *out,
    diag *d)
{
	qpdf_data dst = qpdf_init();
	qpdf_data *src = calloc(n ? n : 1, sizeof *src);
	int rc = -1;
	if (!src) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto done;
	}
	qpdf_silence_errors(dst);
	qpdf_set_suppress_warnings(dst, QPDF_TRUE);
	if (qpdf_empty_pdf(dst) & QPDF_ERRORS) {
		merge_fail(dst, NULL, "empty document", d);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		src[i] = qpdf_init();
		qpdf_silence_errors(src[i]);
		qpdf_set_suppress_warnings(src[i], QPDF_TRUE);
		if (qpdf_read(src[i], paths[i], passwords ? passwords[i] : NULL) & QPDF_ERRORS) {
			merge_fail(src[i], paths[i], "cannot read", d);
			goto done;
		}
		int np = qpdf_get_num_pages(src[i]);
		for (int p = 0; p < np; p++) {
			qpdf_oh page = qpdf_get_page_n(src[i], (size_t)p);
			if (qpdf_add_page(dst, src[i], page, QPDF_FALSE) & QPDF_ERRORS) {
				merge_fail(dst, paths[i], "cannot copy a page", d);
					goto done;
			}
		}
	}
	if (qpdf_init_write_memory(dst) & QPDF_ERRORS) {
		merge_fail(dst, NULL, "cannot write", d);
		goto done;
	}
	qpdf_set_deterministic_ID(dst, QPDF_TRUE);
	qpdf_set_object_stream_mode(dst, qpdf_o_generate);
	if (qpdf_write(dst) & QPDF_ERRORS) {
		merge_fail(dst, NULL, "cannot write", d);
		goto done;
	}
	buf_append(out, qpdf_get_buffer(dst), qpdf_get_buffer_length(dst));
	rc = 0;
done:
	for (size_t i = 0; src && i < n; i++)
		if (src[i])
			qpdf_cleanup(&src[i]);
	free(src);
	qpdf_cleanup(&dst);
	return rc;
}
