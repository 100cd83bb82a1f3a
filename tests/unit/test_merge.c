/* Unit tests of src/render/merge.c: telling complete PDFs from damaged
 * and foreign files, and the streaming merge (its fast path for cairo's
 * and qpdf's classic files, and the qpdf fallback for a file with object
 * streams), checked with qpdf and poppler (scripts/deps.sh test). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "../../src/base/buf.h"
#include "../../src/base/fsio.h"
#include "../../src/render/merge.h"
#include "../../src/render/render.h"
#include "render_fixture.h"
#include "unit.h"

static int
pdf_of(int npages, const char *path)
{
	dl_doc *doc = fixture_doc_new(npages);
	render_opts o = { 0 };
	o.format = RENDER_PDF;
	diag d = DIAG_INIT;
	int rc = render_write(doc, &o, path, &d);
	diag_free(&d);
	dl_doc_free(doc);
	return rc;
}

static int
put(const char *path, const char *data, size_t len)
{
	diag d = DIAG_INIT;
	int rc = fsio_write_file(path, data, len, FSIO_REPLACE, &d);
	diag_free(&d);
	return rc;
}

static char *
sh(const char *fmt, const char *a, int *st)
{
	char *cmd = xasprintf(fmt, a, a, a);
	char *out = fixture_run(cmd, st);
	free(cmd);
	return out;
}

UNIT_TEST(render_pdf_check_tells_damaged_from_foreign)
{
	char *dir = fixture_tmpdir();
	char *p = xasprintf("%s/a.pdf", dir), *q = xasprintf("%s/b.pdf", dir);
	CHECK_INT(render_pdf_check(p), RENDER_PDF_MISSING);
	CHECK_INT(pdf_of(1, p), 0);
	CHECK_INT(render_pdf_check(p), RENDER_PDF_COMPLETE);
	char *data;
	size_t len;
	diag d = DIAG_INIT;
	CHECK_INT(fsio_read_file(p, 1 << 24, &data, &len, &d), 0);
	CHECK(len > 1000);
	/* cut off anywhere: damaged */
	CHECK_INT(put(q, data, len / 2), 0);
	CHECK_INT(render_pdf_check(q), RENDER_PDF_DAMAGED);
	CHECK_INT(put(q, data, len - 8), 0);
	CHECK_INT(render_pdf_check(q), RENDER_PDF_DAMAGED);
	CHECK_INT(put(q, "", 0), 0);
	CHECK_INT(render_pdf_check(q), RENDER_PDF_DAMAGED);
	char zeros[4096] = { 0 };
	CHECK_INT(put(q, zeros, sizeof zeros), 0);
	CHECK_INT(render_pdf_check(q), RENDER_PDF_DAMAGED);
	/* a startxref that points nowhere: damaged */
	buf b = BUF_INIT;
	buf_append(&b, data, len);
	char *sx = strstr(b.s + b.len - 64, "startxref\n");
	CHECK(sx != NULL);
	if (sx)
		sx[10] = sx[10] == '1' ? '2' : '1';
	CHECK_INT(put(q, b.s, b.len), 0);
	CHECK_INT(render_pdf_check(q), RENDER_PDF_DAMAGED);
	buf_free(&b);
	CHECK_INT(put(q, "not ours\n", 9), 0);
	CHECK_INT(render_pdf_check(q), RENDER_PDF_FOREIGN);
	free(data);
	diag_free(&d);
	fixture_rmdir(dir);
	free(p);
	free(q);
	free(dir);
}

UNIT_TEST(render_pdf_merge_file_streams_pages_in_order)
{
	char *dir = fixture_tmpdir();
	char *a = xasprintf("%s/a.pdf", dir), *b = xasprintf("%s/b.pdf", dir);
	char *c = xasprintf("%s/c.pdf", dir), *out = xasprintf("%s/all.pdf", dir);
	CHECK_INT(pdf_of(2, a), 0);
	CHECK_INT(pdf_of(1, b), 0);
	/* c: object streams and a cross-reference stream: the qpdf path */
	int st;
	free(sh("qpdf --object-streams=generate '%s' '%s.c'", a, &st));
	CHECK_INT(st, 0);
	char *ac = xasprintf("%s.c", a);
	CHECK_INT(rename(ac, c), 0);
	free(ac);
	unsigned char id[RENDER_PDF_ID_BYTES], other[RENDER_PDF_ID_BYTES];
	for (size_t i = 0; i < sizeof id; i++) {
		id[i] = (unsigned char)(i * 7 + 1);
		other[i] = (unsigned char)(i * 7 + 2);
	}
	const char *srcs[] = { a, b, c, b };
	diag d = DIAG_INIT;
	CHECK_INT(render_pdf_merge_file(srcs, NULL, 4, NULL, id, out, &d), 0);
	CHECK_INT((int)d.nerrors, 0);
	char *o = sh("qpdf --check '%s' >/dev/null && pdfinfo '%s' | sed -n 's/^Pages: *//p'", out,
	    &st);
	CHECK_INT(st, 0);
	CHECK_STR(o, "6\n");
	free(o);
	CHECK_INT(render_pdf_check(out), RENDER_PDF_COMPLETE);
	CHECK_INT(render_pdf_id_matches(out, id), 1);
	CHECK_INT(render_pdf_id_matches(out, other), 0);
	/* the same inputs give the same bytes */
	char *out2 = xasprintf("%s/all2.pdf", dir);
	CHECK_INT(render_pdf_merge_file(srcs, NULL, 4, NULL, id, out2, &d), 0);
	char *cmd = xasprintf("cmp '%s' '%s'", out, out2);
	free(fixture_run(cmd, &st));
	CHECK_INT(st, 0);
	free(cmd);
	/* every page's text is there, in order: page 3 of the merge is
	 * page 1 of b, page 4 page 1 of c (= a) */
	char *t3 = sh("pdftotext -f 3 -l 3 '%s' - | tr -s ' \\n' ' '", out, &st);
	char *tb = sh("pdftotext -f 1 -l 1 '%s' - | tr -s ' \\n' ' '", b, &st);
	CHECK_STR(t3, tb);
	char *t4 = sh("pdftotext -f 4 -l 4 '%s' - | tr -s ' \\n' ' '", out, &st);
	char *ta = sh("pdftotext -f 1 -l 1 '%s' - | tr -s ' \\n' ' '", a, &st);
	CHECK_STR(t4, ta);
	CHECK(strlen(ta) > 20);
	free(t3);
	free(tb);
	free(t4);
	free(ta);
	/* title, language and bookmarks: one per source that has one, at its
	 * first page (c, the qpdf path, starts at page 4); a title with
	 * letters beyond ASCII and beyond the BMP */
	char *out4 = xasprintf("%s/meta.pdf", dir);
	const char *marks[] = { "A-1", NULL, "C \xc3\xa9\xf0\x9f\x98\x80", "B-2" };
	render_pdf_meta meta = { "Zorgnota's \xc3\x89\xc3\xa9n", "nl", marks };
	CHECK_INT(render_pdf_merge_file(srcs, NULL, 4, &meta, id, out4, &d), 0);
	char *mo = sh("qpdf --check '%s' >/dev/null && pdfinfo '%s' | sed -n 's/^Title: *//p' && "
	    "qpdf --json --json-key=outlines '%s' | python3 -c 'import json,sys; "
	    "[print(o[\"title\"], o[\"destpageposfrom1\"]) for o in json.load(sys.stdin)[\"outlines\"]]'",
	    out4, &st);
	CHECK_INT(st, 0);
	CHECK_STR(mo, "Zorgnota's \xc3\x89\xc3\xa9n\nA-1 1\nC \xc3\xa9\xf0\x9f\x98\x80 4\nB-2 6\n");
	free(mo);
	CHECK_INT(render_pdf_id_matches(out4, id), 1);
	free(out4);
	/* a source that is no PDF: an error naming it, nothing written */
	char *bad = xasprintf("%s/bad.pdf", dir), *out3 = xasprintf("%s/none.pdf", dir);
	CHECK_INT(put(bad, "not ours\n", 9), 0);
	const char *srcs2[] = { a, bad };
	CHECK_INT(render_pdf_merge_file(srcs2, NULL, 2, NULL, id, out3, &d), -1);
	CHECK(d.n > 0 && d.items[d.n - 1].file && strstr(d.items[d.n - 1].file, "bad.pdf"));
	CHECK_INT(render_pdf_check(out3), RENDER_PDF_MISSING);
	diag_free(&d);
	fixture_rmdir(dir);
	free(a);
	free(b);
	free(c);
	free(out);
	free(out2);
	free(bad);
	free(out3);
	free(dir);
}
