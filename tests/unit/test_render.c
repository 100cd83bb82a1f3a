/* Unit tests of src/render: the cairo and libharu devices and the qpdf
 * steps, on display lists from render_fixture.c, checked with poppler's
 * and qpdf's command-line tools (scripts/deps.sh test). */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/base/buf.h"
#include "../../src/base/fsio.h"
#include "../../src/render/render.h"
#include "render_fixture.h"
#include "unit.h"

static int
render_to(const dl_doc *doc, render_format f, render_device dev, const char *pw,
    const char *path)
{
	render_opts o = { 0 };
	o.format = f;
	o.device = dev;
	o.password = pw;
	diag d = DIAG_INIT;
	int rc = render_write(doc, &o, path, &d);
	if (rc != 0)
		diag_print(&d, stderr);
	diag_free(&d);
	return rc;
}

static char *
run(const char *fmt, const char *arg, int *status)
{
	char *cmd = xasprintf(fmt, arg, arg, arg);
	char *out = fixture_run(cmd, status);
	free(cmd);
	return out;
}

static int
file_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

UNIT_TEST(render_format_from_path_maps_extensions)
{
	CHECK_INT(render_format_from_path("a/b.pdf"), RENDER_PDF);
	CHECK_INT(render_format_from_path("B.PNG"), RENDER_PNG);
	CHECK_INT(render_format_from_path("x.svg"), RENDER_SVG);
	CHECK_INT(render_format_from_path("x.trace"), RENDER_TRACE);
	CHECK_INT(render_format_from_path("x.txt"), RENDER_TRACE);
	CHECK_INT(render_format_from_path("x.doc"), RENDER__MAX);
	CHECK_INT(render_format_from_path("dir.pdf/x"), RENDER__MAX);
	CHECK_INT(render_format_from_path("noext"), RENDER__MAX);
}

static const char *const words[] = { "Privacyverklaring", "officiële", "fijn",
	"verwerkingsverantwoordelijke", "officieel", "geheimhoudingsovereenkomst",
	"Efficiënte", "Uw rechten", "inzage" };

UNIT_TEST(render_cairo_pdf_text_meta_fonts)
{
	char *dir = fixture_tmpdir();
	char *pdf = xasprintf("%s/doc.pdf", dir);
	dl_doc *doc = fixture_doc_new(2);
	CHECK_INT(render_to(doc, RENDER_PDF, RENDER_DEVICE_CAIRO, NULL, pdf), 0);
	int st;
	char *txt = run("pdftotext '%s' -", pdf, &st);
	CHECK_INT(st, 0);
	CHECK(fixture_in_order(txt, words, sizeof words / sizeof words[0]));
	free(txt);
	char *info = run("pdfinfo '%s'", pdf, &st);
	CHECK_INT(st, 0);
	CHECK(strstr(info, "Pages:           2\n") != NULL);
	CHECK(strstr(info, "Title:           Privacyverklaring Praktijk De Linde\n") != NULL);
	CHECK(strstr(info, "Author:          Praktijk De Linde\n") != NULL);
	CHECK(strstr(info, "Subject:         Verwerking van persoonsgegevens\n") != NULL);
	CHECK(strstr(info, "CreationDate:    Thu Oct 19 00:00:00 2023 UTC") != NULL);
	free(info);
	/* Every font embedded and subset: columns "emb sub" read "yes yes". */
	char *fonts = run("pdffonts '%s' | tail -n +3", pdf, &st);
	CHECK_INT(st, 0);
	int nfonts = 0, bad = 0;
	for (char *line = strtok(fonts, "\n"); line; line = strtok(NULL, "\n")) {
		nfonts++;
		if (!strstr(line, " yes yes ") || !strchr(line, '+'))
			bad++;
	}
	CHECK(nfonts >= 3);
	CHECK_INT(bad, 0);
	free(fonts);
	/* Links are there and the xref is sound after the qpdf rewrite. */
	char *chk = run("qpdf --check '%s' 2>&1", pdf, &st);
	CHECK_INT(st, 0);
	CHECK(strstr(chk, "No syntax or stream encoding errors") != NULL);
	free(chk);
	char *qdf = run("qpdf --qdf --object-streams=disable '%s' - | tr -d '\\000'", pdf, &st);
	CHECK_INT(st, 0);
	CHECK(strstr(qdf, "/URI (https://praktijk.example/privacy?a='b')") != NULL);
	CHECK(strstr(qdf, "/Dest (rechten)") != NULL);
	CHECK(strstr(qdf, "/Lang (nl)") != NULL);
	CHECK(strstr(qdf, "/Count 2") != NULL || strstr(qdf, "/Count 3") != NULL);
	free(qdf);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(pdf);
	free(dir);
}

UNIT_TEST(render_cairo_pdf_is_reproducible)
{
	char *dir = fixture_tmpdir();
	char *a = xasprintf("%s/a.pdf", dir), *b = xasprintf("%s/b.pdf", dir);
	dl_doc *doc = fixture_doc_new(2);
	CHECK_INT(render_to(doc, RENDER_PDF, RENDER_DEVICE_CAIRO, NULL, a), 0);
	dl_doc_free(doc);
	doc = fixture_doc_new(2);
	CHECK_INT(render_to(doc, RENDER_PDF, RENDER_DEVICE_CAIRO, NULL, b), 0);
	char *cmd = xasprintf("cmp '%s' '%s'", a, b);
	int st;
	free(fixture_run(cmd, &st));
	CHECK_INT(st, 0);
	free(cmd);
	/* Another date gives another file: the date really is in it. */
	dl_meta_set(&doc->meta.date, "2024-01-02");
	CHECK_INT(render_to(doc, RENDER_PDF, RENDER_DEVICE_CAIRO, NULL, b), 0);
	cmd = xasprintf("cmp -s '%s' '%s'", a, b);
	free(fixture_run(cmd, &st));
	CHECK_INT(st, 1);
	free(cmd);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(a);
	free(b);
	free(dir);
}

static void
check_encrypted(render_device dev)
{
	char *dir = fixture_tmpdir();
	char *pdf = xasprintf("%s/secret.pdf", dir);
	dl_doc *doc = fixture_doc_new(2);
	CHECK_INT(render_to(doc, RENDER_PDF, dev, "paard-batterij-nietje", pdf), 0);
	int st;
	char *enc = run("qpdf --password=paard-batterij-nietje --show-encryption '%s'", pdf, &st);
	CHECK_INT(st, 0);
	CHECK(strstr(enc, "R = 6") != NULL);
	CHECK(strstr(enc, "AESv3") != NULL);
	CHECK(strstr(enc, "print high resolution: allowed") != NULL);
	CHECK(strstr(enc, "modify other: not allowed") != NULL);
	free(enc);
	char *txt = run("pdftotext -upw paard-batterij-nietje '%s' -", pdf, &st);
	CHECK_INT(st, 0);
	CHECK(fixture_in_order(txt, words, sizeof words / sizeof words[0]));
	free(txt);
	free(run("pdfinfo -upw verkeerd '%s' >/dev/null 2>&1", pdf, &st));
	CHECK(st != 0);
	free(run("pdfinfo '%s' >/dev/null 2>&1", pdf, &st));
	CHECK(st != 0);
	char *chk = run("qpdf --password=paard-batterij-nietje --check '%s' 2>&1", pdf, &st);
	CHECK_INT(st, 0);
	free(chk);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(pdf);
	free(dir);
}

UNIT_TEST(render_cairo_pdf_protected_is_aes256)
{
	check_encrypted(RENDER_DEVICE_CAIRO);
}

UNIT_TEST(render_haru_pdf_protected_is_aes256)
{
	check_encrypted(RENDER_DEVICE_HARU);
}

/* Reads width and height from a PNG's IHDR. */
static int
png_size(const char *path, unsigned *w, unsigned *h)
{
	char *data;
	size_t len;
	diag d = DIAG_INIT;
	if (fsio_read_file(path, 1 << 24, &data, &len, &d) != 0) {
		diag_free(&d);
		return -1;
	}
	int rc = -1;
	if (len > 24 && memcmp(data + 1, "PNG", 3) == 0 && memcmp(data + 12, "IHDR", 4) == 0) {
		const unsigned char *p = (const unsigned char *)data + 16;
		*w = (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
		*h = (unsigned)p[4] << 24 | (unsigned)p[5] << 16 | (unsigned)p[6] << 8 | p[7];
		rc = 0;
	}
	free(data);
	return rc;
}

UNIT_TEST(render_png_one_file_per_page)
{
	char *dir = fixture_tmpdir();
	char *out = xasprintf("%s/page.png", dir);
	char *p1 = xasprintf("%s/page-1.png", dir), *p2 = xasprintf("%s/page-2.png", dir);
	char *p3 = xasprintf("%s/page-3.png", dir);
	dl_doc *doc = fixture_doc_new(2);
	CHECK_INT(render_to(doc, RENDER_PNG, RENDER_DEVICE_CAIRO, NULL, out), 0);
	unsigned w = 0, h = 0;
	CHECK_INT(png_size(p1, &w, &h), 0);
	CHECK_INT(w, 794); /* A4 at 96 dpi */
	CHECK_INT(h, 1123);
	CHECK_INT(png_size(p2, &w, &h), 0);
	CHECK(!file_exists(p3));
	CHECK(!file_exists(out));
	dl_doc_free(doc);
	/* One page: exactly the path asked for, at the dpi asked for. */
	doc = fixture_doc_new(1);
	render_opts o = { .format = RENDER_PNG, .png_dpi = 72 };
	diag d = DIAG_INIT;
	CHECK_INT(render_write(doc, &o, out, &d), 0);
	CHECK_INT(png_size(out, &w, &h), 0);
	CHECK_INT(w, 596);
	CHECK_INT(h, 842);
	diag_free(&d);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(out);
	free(p1);
	free(p2);
	free(p3);
	free(dir);
}

UNIT_TEST(render_svg_is_well_formed)
{
	char *dir = fixture_tmpdir();
	char *out = xasprintf("%s/page.svg", dir), *p2 = xasprintf("%s/page-2.svg", dir);
	dl_doc *doc = fixture_doc_new(2);
	CHECK_INT(render_to(doc, RENDER_SVG, RENDER_DEVICE_CAIRO, NULL, out), 0);
	int st;
	char *x = run("xmllint --noout '%s' 2>&1", p2, &st);
	CHECK_INT(st, 0);
	free(x);
	x = run("head -c 400 '%s'", p2, &st);
	CHECK(strstr(x, "width=\"595.276pt\"") != NULL);
	free(x);
	/* The glyphs of page 2 are there: as many <use> as letters drawn. */
	x = run("grep -c '<use xlink:href=\"#glyph' '%s'", p2, &st);
	CHECK(atoi(x) > 50);
	free(x);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(out);
	free(p2);
	free(dir);
}

/* The fixture really has ligatures (one glyph for "fi"), or the text
 * checks below would prove nothing about them. */
UNIT_TEST(render_fixture_has_ligatures)
{
	dl_doc *doc = fixture_doc_new(1);
	int lig = 0;
	for (size_t i = 0; i < doc->pages[0].nops; i++) {
		const dl_op *op = &doc->pages[0].ops[i];
		if (op->kind != DL_TEXT)
			continue;
		size_t b = 0;
		for (size_t k = 0; k < op->u.text.nclusters; k++) {
			const dl_cluster *c = &op->u.text.clusters[k];
			if (c->num_bytes == 2 && c->num_glyphs == 1 && op->u.text.text[b] == 'f')
				lig++;
			b += (size_t)c->num_bytes;
		}
	}
	CHECK(lig >= 3);
	dl_doc_free(doc);
}

static const char *const lig_words[] = { "Ligaturen: officieel, fijn, afleveren en de officiële aflevering." };

UNIT_TEST(render_cairo_pdf_keeps_ligature_text)
{
	char *dir = fixture_tmpdir();
	char *pdf = xasprintf("%s/doc.pdf", dir);
	dl_doc *doc = fixture_doc_new(1);
	CHECK_INT(render_to(doc, RENDER_PDF, RENDER_DEVICE_CAIRO, NULL, pdf), 0);
	int st;
	char *txt = run("pdftotext '%s' - 2>&1", pdf, &st);
	CHECK_INT(st, 0);
	CHECK(fixture_in_order(txt, lig_words, 1));
	CHECK(strstr(txt, "Warning") == NULL && strstr(txt, "Error") == NULL);
	free(txt);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(pdf);
	free(dir);
}

UNIT_TEST(render_haru_pdf_text_attachment_reproducible)
{
	char *dir = fixture_tmpdir();
	char *pdf = xasprintf("%s/nota.pdf", dir), *pdf2 = xasprintf("%s/nota2.pdf", dir);
	char *xml = xasprintf("%s/factuur-2023-001.xml", dir);
	const char body[] = "<?xml version=\"1.0\"?><factuur nummer=\"2023-001\"/>\n";
	diag d = DIAG_INIT;
	CHECK_INT(fsio_write_file(xml, body, strlen(body), FSIO_REPLACE, &d), 0);
	render_attachment att[2] = { { xml, NULL, "application/xml" },
		{ xml, "kopie.xml", NULL } };
	render_opts o = { .format = RENDER_PDF, .device = RENDER_DEVICE_HARU,
		.attachments = att, .nattachments = 2 };
	dl_doc *doc = fixture_doc_new(2);
	CHECK_INT(render_write(doc, &o, pdf, &d), 0);
	CHECK_INT(render_write(doc, &o, pdf2, &d), 0);
	diag_print(&d, stderr);
	int st;
	char *txt = run("pdftotext '%s' - 2>&1", pdf, &st);
	CHECK_INT(st, 0);
	CHECK(fixture_in_order(txt, words, sizeof words / sizeof words[0]));
	CHECK(fixture_in_order(txt, lig_words, 1));
	CHECK(strstr(txt, "Warning") == NULL && strstr(txt, "Error") == NULL);
	free(txt);
	char *list = run("pdfdetach -list '%s'", pdf, &st);
	CHECK_INT(st, 0);
	CHECK_STR(list, "2 embedded files\n1: factuur-2023-001.xml\n2: kopie.xml\n");
	free(list);
	char *saved = xasprintf("%s/out.xml", dir);
	char *cmd = xasprintf("pdfdetach -save 1 -o '%s' '%s' && cmp '%s' '%s'", saved, pdf, saved, xml);
	free(fixture_run(cmd, &st));
	CHECK_INT(st, 0);
	free(cmd);
	free(saved);
	char *qdf = run("qpdf --qdf --object-streams=disable '%s' - | tr -d '\\000'", pdf, &st);
	CHECK(strstr(qdf, "/Subtype /application#2fxml") != NULL);
	CHECK(strstr(qdf, dir) == NULL); /* no directory names leak into the PDF */
	CHECK(strstr(qdf, "/Dest ") != NULL && strstr(qdf, "/Subtype /Link") != NULL);
	CHECK(strstr(qdf, "/URI (https://praktijk.example/privacy?a='b')") != NULL);
	free(qdf);
	char *info = run("pdfinfo '%s'", pdf, &st);
	CHECK(strstr(info, "Pages:           2\n") != NULL);
	CHECK(strstr(info, "Title:           Privacyverklaring Praktijk De Linde\n") != NULL);
	CHECK(strstr(info, "CreationDate:    Thu Oct 19 00:00:00 2023 UTC") != NULL);
	free(info);
	char *chk = run("qpdf --check '%s' 2>&1", pdf, &st);
	CHECK_INT(st, 0);
	free(chk);
	cmd = xasprintf("cmp '%s' '%s'", pdf, pdf2);
	free(fixture_run(cmd, &st));
	CHECK_INT(st, 0);
	free(cmd);
	diag_free(&d);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(pdf);
	free(pdf2);
	free(xml);
	free(dir);
}

/* Errors leave nothing at the target path (and no temp files). */
UNIT_TEST(render_errors_leave_nothing)
{
	char *dir = fixture_tmpdir();
	char *pdf = xasprintf("%s/bad.pdf", dir), *png = xasprintf("%s/bad.png", dir);
	dl_doc *doc = fixture_doc_new(2);
	/* A link to a destination that does not exist. */
	dl_add_link(&doc->pages[1], 10, 10, 10, 10, NULL, "nergens");
	diag d = DIAG_INIT;
	render_opts o = { .format = RENDER_PDF };
	CHECK_INT(render_write(doc, &o, pdf, &d), -1);
	CHECK(d.nerrors == 1 && strstr(d.items[0].msg, "destination") != NULL);
	o.device = RENDER_DEVICE_HARU;
	CHECK_INT(render_write(doc, &o, pdf, &d), -1);
	dl_doc_free(doc);
	/* A broken PNG on page 2: page 1 must not be left behind either. */
	doc = fixture_doc_new(2);
	unsigned char *junk = (unsigned char *)xstrdup("\x89PNG\r\n\x1a\nnot really a png at all, no");
	dl_add_image(&doc->pages[1], 10, 10, 20, 20, DL_IMAGE_PNG, junk, 40);
	o = (render_opts){ .format = RENDER_PNG };
	CHECK_INT(render_write(doc, &o, png, &d), -1);
	o.format = RENDER_PDF;
	CHECK_INT(render_write(doc, &o, pdf, &d), -1);
	o.device = RENDER_DEVICE_HARU;
	CHECK_INT(render_write(doc, &o, pdf, &d), -1);
	/* Attachments with cairo, haru with PNG, a password on SVG. */
	o = (render_opts){ .format = RENDER_PNG, .device = RENDER_DEVICE_HARU };
	CHECK_INT(render_write(doc, &o, png, &d), -1);
	o = (render_opts){ .format = RENDER_SVG, .password = "x" };
	CHECK_INT(render_write(doc, &o, png, &d), -1);
	render_attachment att = { "/nonexistent/x.xml", NULL, NULL };
	/* A directory is no attachment either. */
	render_attachment dir_att = { "/tmp", NULL, NULL };
	render_opts od = { .format = RENDER_PDF, .device = RENDER_DEVICE_HARU,
		.attachments = &dir_att, .nattachments = 1 };
	CHECK_INT(render_write(doc, &od, pdf, &d), -1);
	od.device = RENDER_DEVICE_CAIRO;
	CHECK_INT(render_write(doc, &od, pdf, &d), -1);
	o = (render_opts){ .format = RENDER_PDF, .device = RENDER_DEVICE_HARU,
		.attachments = &att, .nattachments = 1 };
	dl_doc_free(doc);
	doc = fixture_doc_new(1);
	CHECK_INT(render_write(doc, &o, pdf, &d), -1);
	o.device = RENDER_DEVICE_CAIRO;
	CHECK_INT(render_write(doc, &o, pdf, &d), -1);
	/* Nothing at all in the directory. */
	int st;
	char *ls = run("ls -A '%s'", dir, &st);
	CHECK_STR(ls, "");
	free(ls);
	/* Unwritable target: an error, not a crash. */
	o = (render_opts){ .format = RENDER_PDF };
	CHECK_INT(render_write(doc, &o, "/nonexistent-dir/x.pdf", &d), -1);
	diag_free(&d);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(pdf);
	free(png);
	free(dir);
}

UNIT_TEST(render_trace_is_written_atomically)
{
	char *dir = fixture_tmpdir();
	char *out = xasprintf("%s/doc.trace", dir);
	dl_doc *doc = fixture_doc_new(2);
	CHECK_INT(render_to(doc, RENDER_TRACE, RENDER_DEVICE_CAIRO, NULL, out), 0);
	char *data = NULL;
	size_t len = 0;
	diag d = DIAG_INIT;
	CHECK_INT(fsio_read_file(out, 1 << 20, &data, &len, &d), 0);
	CHECK(data && strstr(data, "page 2 ") != NULL);
	CHECK(data && strstr(data, "Uw rechten") != NULL);
	free(data);
	diag_free(&d);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(out);
	free(dir);
}

/* Degenerate ops: empty runs, zero sizes, NaN and huge coordinates, an
 * image too large to decode. Each device either paints or reports an
 * error; none crashes, none leaves a file after an error. */
UNIT_TEST(render_survives_degenerate_ops)
{
	char *dir = fixture_tmpdir();
	char *pdf = xasprintf("%s/odd.pdf", dir);
	dl_doc *doc = fixture_doc_new(1);
	dl_page *pg = &doc->pages[0];
	dl_color c = { 0, 0, 0, 1 };
	dl_add_line(pg, 0, 0, 0, 0, 0, c);
	dl_add_line(pg, 1e9, -1e9, 1e12, 5, 1, c);
	dl_add_rect(pg, 10, 10, 0, 0, &c, 0, NULL);
	dl_add_rect(pg, 10, 10, -5, -5, NULL, 0.5, &c);
	dl_op *op = dl_op_add(pg, DL_TEXT); /* a run without glyphs */
	op->u.text.text = xstrdup("");
	dl_add_link(pg, 0, 0, 0, 0, NULL, NULL);
	diag d = DIAG_INIT;
	for (int dev = 0; dev < RENDER_DEVICE__MAX; dev++) {
		render_opts o = { .format = RENDER_PDF, .device = (render_device)dev };
		CHECK_INT(render_write(doc, &o, pdf, &d), 0);
		unlink(pdf);
	}
	render_opts o = { .format = RENDER_PNG };
	char *png = xasprintf("%s/odd.png", dir);
	CHECK_INT(render_write(doc, &o, png, &d), 0);
	unlink(png);
	/* A PNG that claims to be 100000 x 100000 pixels is refused. */
	size_t len;
	unsigned char *im = fixture_png_new(4, 4, &len);
	im[16] = 0, im[17] = 1, im[18] = 0x86, im[19] = 0xa0;
	im[20] = 0, im[21] = 1, im[22] = 0x86, im[23] = 0xa0;
	dl_add_image(pg, 10, 10, 20, 20, DL_IMAGE_PNG, im, len);
	for (int dev = 0; dev < RENDER_DEVICE__MAX; dev++) {
		render_opts p = { .format = RENDER_PDF, .device = (render_device)dev };
		CHECK_INT(render_write(doc, &p, pdf, &d), -1);
	}
	CHECK_INT(render_write(doc, &o, png, &d), -1);
	/* NaN page size. */
	doc->pages[0].width = NAN;
	render_opts q = { .format = RENDER_SVG };
	CHECK_INT(render_write(doc, &q, png, &d), -1);
	int st;
	char *ls = run("ls -A '%s'", dir, &st);
	CHECK_STR(ls, "");
	free(ls);
	diag_free(&d);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(pdf);
	free(png);
	free(dir);
}

/* cairo cannot attach files; the qpdf pass does, sorted by name, and two
 * attachments with one name are refused. */
UNIT_TEST(render_cairo_pdf_attachments_via_qpdf)
{
	char *dir = fixture_tmpdir();
	char *pdf = xasprintf("%s/nota.pdf", dir), *pdf2 = xasprintf("%s/nota2.pdf", dir);
	char *xml = xasprintf("%s/factuur.xml", dir);
	const char body[] = "<factuur nummer=\"2023-001\"/>\n";
	diag d = DIAG_INIT;
	CHECK_INT(fsio_write_file(xml, body, strlen(body), FSIO_REPLACE, &d), 0);
	render_attachment att[2] = { { xml, "z-laatste.xml", "application/xml" },
		{ xml, NULL, "application/xml" } };
	render_opts o = { .format = RENDER_PDF, .attachments = att, .nattachments = 2 };
	dl_doc *doc = fixture_doc_new(1);
	CHECK_INT(render_write(doc, &o, pdf, &d), 0);
	CHECK_INT(render_write(doc, &o, pdf2, &d), 0);
	diag_print(&d, stderr);
	int st;
	char *list = run("pdfdetach -list '%s'", pdf, &st);
	CHECK_STR(list, "2 embedded files\n1: factuur.xml\n2: z-laatste.xml\n");
	free(list);
	char *cmd = xasprintf("pdfdetach -save 2 -o '%s/out.xml' '%s' && cmp '%s/out.xml' '%s' && "
			      "qpdf --check '%s' && cmp '%s' '%s'", dir, pdf, dir, xml, pdf, pdf, pdf2);
	free(fixture_run(cmd, &st));
	CHECK_INT(st, 0);
	free(cmd);
	char *qdf = run("qpdf --qdf --object-streams=disable '%s' - | tr -d '\\000'", pdf, &st);
	CHECK(strstr(qdf, "/Subtype /application#2fxml") != NULL);
	CHECK(strstr(qdf, "/Size 29") != NULL);
	free(qdf);
	/* The same name twice. */
	att[0].name = "factuur.xml";
	CHECK_INT(render_write(doc, &o, pdf, &d), -1);
	CHECK(strstr(d.items[d.n - 1].msg, "two attachments") != NULL);
	o.device = RENDER_DEVICE_HARU;
	CHECK_INT(render_write(doc, &o, pdf, &d), -1);
	diag_free(&d);
	dl_doc_free(doc);
	fixture_rmdir(dir);
	free(pdf);
	free(pdf2);
	free(xml);
	free(dir);
}
