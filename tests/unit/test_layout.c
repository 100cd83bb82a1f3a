/* Unit tests of the document reader (src/doc) and the layout engine
 * (src/layout): Dutch hyphenation break points, file:line:col errors for
 * documents that do not match the vocabulary, and properties of laid-out
 * pages that must hold for any document: headings never last on a page,
 * every footer says "pagina N van M", table headers repeat, nothing runs
 * into the right margin, a 200-page document. Run from the repository
 * root with ZORGDOC_DATADIR set (tests/run.sh does). */
#include <stdlib.h>
#include <string.h>

#include "../../src/base/buf.h"
#include "../../src/base/paths.h"
#include "../../src/base/xmlsafe.h"
#include "../../src/doc/doc.h"
#include "../../src/layout/hyph.h"
#include "../../src/layout/layout.h"
#include "unit.h"

#define A4_W 595.276
#define A4_H 841.890
#define RIGHT_EDGE (A4_W - 22 * 72.0 / 25.4)
#define BODY_BOTTOM (A4_H - 24 * 72.0 / 25.4)

static void
init(void)
{
	static int inited;
	if (inited)
		return;
	diag d = DIAG_INIT;
	if (xmlsafe_init(paths_datadir(), &d) != 0)
		abort();
	inited = 1;
}

static void
check_hyph(const char *word, const char *want)
{
	char *got = hyph_debug(word);
	CHECK_STR(got, want);
	free(got);
}

UNIT_TEST(layout_hyphenation_dutch)
{
	check_hyph("verwerkingsverantwoordelijke", "ver-wer-kings-ver-ant-woor-de-lijke");
	check_hyph("geheimhoudingsovereenkomst", "ge-heim-hou-dings-over-een-komst");
	check_hyph("persoonsgegevens", "per-soons-ge-ge-vens");
	check_hyph("beveiligingsmaatregelen", "be-vei-li-gings-maat-re-ge-len");
	/* capitals and punctuation stay; at least 2 before, 3 after a break */
	check_hyph("(Verwerkingsverantwoordelijke),", "(Ver-wer-kings-ver-ant-woor-de-lijke),");
	check_hyph("cliënten", "cli-ën-ten");
	check_hyph("e-mailadres", "e-mail-adres");
	check_hyph("ouder", "ou-der");
	check_hyph("over", "over"); /* too short to break */
	/* the exception list (locales/hyphenation-nl.txt) over the patterns */
	check_hyph("geanonimiseerde", "ge-ano-ni-mi-seerde"); /* not gea-nonimiseerde */
	check_hyph("Geanonimiseerde,", "Ge-ano-ni-mi-seerde,");
	check_hyph("Nederland", "Nederland");
	check_hyph("Administratie", "Administratie");
	check_hyph("administratie-eisen", "administratie-ei-sen");
	/* the author's own soft hyphens decide: no more are added */
	check_hyph("Persoons\xC2\xADgegevensbescherming", "Persoons-gegevensbescherming");
	/* not hyphenated when it is not asked for; addresses still break */
	char *s = hyph_debug_token("persoonsgegevens", 0);
	CHECK_STR(s, "persoonsgegevens");
	free(s);
	s = hyph_debug_token("a.b@example.nl", 0);
	CHECK_STR(s, "a.|b@|example.nl");
	free(s);
}

UNIT_TEST(layout_hyphenation_never)
{
	/* addresses break after '@', '/' and '.' without a hyphen ('|') */
	check_hyph("info@praktijkzonnewijzer.nl", "info@|praktijkzonnewijzer.nl");
	/* never after a leading "www.": the host name keeps it */
	check_hyph("https://www.praktijkzonnewijzer.nl/privacyverklaring",
	    "https://|www.praktijkzonnewijzer.|nl/|privacyverklaring");
	check_hyph("www.praktijkzonnewijzer.nl", "www.praktijkzonnewijzer.nl");
	check_hyph("info@www.example.nl", "info@|www.|example.nl");
	check_hyph("persoonsgegevens@voorbeeld.nl", "persoonsgegevens@|voorbeeld.nl");
	const char *never[] = {
		"NL91ABNA0417164300",
		"1234567890",
		"2023-10-19",
		"€1.250,00",
	};
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		check_hyph(never[i], never[i]);
}

/* ---------- errors ---------- */

static doc_document *
parse(const char *xml, diag *d)
{
	init();
	return doc_parse(xml, strlen(xml), "t.xml", NULL, d);
}

#define HEAD "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>T</title></meta>"

UNIT_TEST(doc_error_has_line_and_column)
{
	diag d = DIAG_INIT;
	doc_document *doc = parse(HEAD "<body>\n  <p>ok</p>\n  <para>wrong</para>\n</body></doc>", &d);
	CHECK(doc == NULL);
	CHECK(d.nerrors >= 1);
	if (d.n > 0) {
		CHECK_STR(d.items[0].file, "t.xml");
		CHECK_INT(d.items[0].line, 3);
		CHECK_INT(d.items[0].col, 3);
		CHECK(strstr(d.items[0].msg, "<para>") != NULL);
	}
	diag_free(&d);
	doc_free(doc);
}

UNIT_TEST(doc_error_bad_attribute_value)
{
	diag d = DIAG_INIT;
	doc_document *doc = parse(HEAD "<body>\n<table rules=\"fancy\"><col/><tbody><row><cell>x</cell></row></tbody></table></body></doc>", &d);
	CHECK(doc == NULL);
	CHECK(d.nerrors >= 1);
	if (d.n > 0) {
		CHECK_INT(d.items[0].line, 2);
		CHECK_INT(d.items[0].col, 1);
		CHECK(strstr(d.items[0].msg, "fancy") == NULL); /* values are never quoted */
	}
	diag_free(&d);
	doc_free(doc);
}

UNIT_TEST(doc_error_wrong_root_and_malformed)
{
	diag d = DIAG_INIT;
	CHECK(parse("<html><body/></html>", &d) == NULL);
	CHECK(d.nerrors == 1 && strstr(d.items[0].msg, "urn:zorgdoc:doc:1"));
	diag_free(&d);
	CHECK(parse(HEAD "<body><p>open</body></doc>", &d) == NULL);
	CHECK(d.nerrors >= 1 && d.items[0].line == 1 && d.items[0].col > 0);
	diag_free(&d);
	CHECK(parse("", &d) == NULL);
	CHECK(d.nerrors >= 1);
	diag_free(&d);
}

UNIT_TEST(doc_error_refs_and_ids)
{
	diag d = DIAG_INIT;
	doc_document *doc = parse(HEAD "<body>\n<section id=\"a\"><title>A</title>\n"
	    "<p>see <ref to=\"nowhere\"/></p></section>\n<section id=\"a\"><title>B</title></section></body></doc>", &d);
	CHECK(doc == NULL);
	CHECK_INT(d.nerrors, 2);
	int saw_ref = 0, saw_dup = 0;
	for (size_t i = 0; i < d.n; i++) {
		if (strstr(d.items[i].msg, "points at no element") && d.items[i].line == 3 && d.items[i].col == 8)
			saw_ref = 1;
		if (strstr(d.items[i].msg, "used twice") && d.items[i].line == 4 && d.items[i].col == 1)
			saw_dup = 1;
	}
	CHECK(saw_ref);
	CHECK(saw_dup);
	diag_free(&d);
	doc_free(doc);
}

UNIT_TEST(doc_sections_numbered)
{
	diag d = DIAG_INIT;
	doc_document *doc = parse(HEAD "<body><section numbered=\"yes\"><title>A</title>"
	    "<section id=\"x\"><title>A1</title></section><section><title>A2</title></section></section>"
	    "<section numbered=\"yes\" id=\"y\"><title>B</title></section>"
	    "<section label=\"Bijlage 1\" id=\"z\"><title>C</title></section></body></doc>", &d);
	CHECK(doc != NULL);
	if (doc) {
		CHECK_STR(doc_lookup_id(doc, "x")->number, "1.1");
		CHECK_STR(doc_lookup_id(doc, "y")->number, "2");
		CHECK_STR(doc_lookup_id(doc, "z")->number, "Bijlage 1");
	}
	doc_free(doc);
	diag_free(&d);
}

/* ---------- laid-out pages ---------- */

static dl_doc *
lay(const char *xml)
{
	diag d = DIAG_INIT;
	doc_document *doc = parse(xml, &d);
	dl_doc *dl = doc ? layout_run(doc, &d) : NULL;
	if (d.n > 0)
		diag_print(&d, stderr);
	diag_free(&d);
	doc_free(doc);
	return dl;
}

static int
page_has_text(const dl_page *pg, const char *s)
{
	for (size_t i = 0; i < pg->nops; i++)
		if (pg->ops[i].kind == DL_TEXT && strstr(pg->ops[i].u.text.text, s))
			return 1;
	return 0;
}

/* Every page's footer says "pagina N van M". */
static void
check_footers(const dl_doc *dl)
{
	for (size_t p = 0; p < dl->npages; p++) {
		char want[64];
		snprintf(want, sizeof want, "pagina %zu van %zu", p + 1, dl->npages);
		if (!page_has_text(&dl->pages[p], want)) {
			fprintf(stderr, "  page %zu lacks \"%s\"\n", p + 1, want);
			CHECK(!"footer");
			return;
		}
	}
}

/* No heading is the last thing on its page: body text follows it there. */
static void
check_headings(const dl_doc *dl)
{
	for (size_t i = 0; i < dl->noutline; i++) {
		const dl_outline *o = &dl->outline[i];
		const dl_page *pg = &dl->pages[o->page];
		int below = 0;
		for (size_t k = 0; k < pg->nops; k++) {
			const dl_op *op = &pg->ops[k];
			if (op->kind == DL_TEXT && op->u.text.y > o->y + 30 && op->u.text.y < BODY_BOTTOM + 1)
				below = 1;
		}
		if (!below) {
			fprintf(stderr, "  heading \"%s\" ends page %zu\n", o->title, o->page + 1);
			CHECK(!"heading alone at the bottom of a page");
		}
	}
}

/* Nothing crosses the right margin. */
static void
check_right_margin(const dl_doc *dl)
{
	for (size_t p = 0; p < dl->npages; p++)
		for (size_t k = 0; k < dl->pages[p].nops; k++) {
			const dl_op *op = &dl->pages[p].ops[k];
			if (op->kind == DL_TEXT && op->u.text.x + op->u.text.width > RIGHT_EDGE + 0.5) {
				fprintf(stderr, "  \"%s\" runs to x=%.1f on page %zu\n", op->u.text.text,
				    op->u.text.x + op->u.text.width, p + 1);
				CHECK(!"text in the right margin");
				return;
			}
		}
}

static const char *long_para =
    "De verwerkingsverantwoordelijke en de verwerker leggen in deze geheimhoudingsovereenkomst "
    "vast hoe persoonsgegevens worden verwerkt, welke beveiligingsmaatregelen worden genomen "
    "en wat er gebeurt wanneer zich een incident voordoet. Zij spreken af dat de verwerker "
    "uitsluitend verwerkt in opdracht van de verwerkingsverantwoordelijke. ";

static char *
doc_head(buf *b)
{
	buf_puts(b, "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Proef</title><version>1</version></meta>"
	    "<footer><left>Proef</left><right>pagina <page/> van <pages/></right></footer><body>");
	return NULL;
}

UNIT_TEST(layout_heading_never_alone_at_page_bottom)
{
	/* Slide a heading down the first page in small steps: wherever it
	 * falls, it must never be the last line of its page. */
	int moved = 0;
	for (int n = 28; n <= 40; n++) {
		buf b = BUF_INIT;
		doc_head(&b);
		for (int i = 0; i < n; i++)
			buf_puts(&b, "<p>Korte regel.</p>");
		buf_puts(&b, "<section><title>Kop die niet alleen mag staan</title><p>");
		for (int i = 0; i < 3; i++)
			buf_puts(&b, long_para);
		buf_puts(&b, "</p></section></body></doc>");
		dl_doc *dl = lay(buf_str(&b));
		CHECK(dl != NULL);
		if (dl) {
			check_headings(dl);
			check_footers(dl);
			if (dl->noutline == 1 && dl->outline[0].page == 1)
				moved = 1;
		}
		dl_doc_free(dl);
		buf_free(&b);
	}
	CHECK(moved); /* some position pushed the heading to page 2 */
}

UNIT_TEST(layout_table_300_rows_header_repeats)
{
	buf b = BUF_INIT;
	doc_head(&b);
	buf_puts(&b, "<table><col width=\"3*\"/><col width=\"25mm\" align=\"numeric\"/>"
	    "<thead><row><cell>Omschrijving</cell><cell>Bedrag</cell></row></thead><tbody>");
	for (int i = 1; i <= 300; i++)
		buf_printf(&b, "<row><cell>Regel %d</cell><cell>€ %d,00</cell></row>", i, i);
	buf_puts(&b, "</tbody></table></body></doc>");
	dl_doc *dl = lay(buf_str(&b));
	CHECK(dl != NULL);
	if (dl) {
		CHECK(dl->npages >= 6);
		for (size_t p = 0; p < dl->npages; p++)
			CHECK(page_has_text(&dl->pages[p], "Omschrijving"));
		check_footers(dl);
		check_right_margin(dl);
		/* every row is there exactly once */
		int seen = 0;
		for (size_t p = 0; p < dl->npages; p++)
			for (size_t k = 0; k < dl->pages[p].nops; k++)
				if (dl->pages[p].ops[k].kind == DL_TEXT &&
				    strncmp(dl->pages[p].ops[k].u.text.text, "Regel ", 6) == 0)
					seen++;
		CHECK_INT(seen, 300);
	}
	dl_doc_free(dl);
	buf_free(&b);
}

/* A word wider than its column's width widens the column when the table
 * has room (docs/doc-vocabulary.md, Tables), and breaks, inside the table,
 * only when no width would hold it. */
UNIT_TEST(layout_long_word_in_narrow_cell_breaks)
{
	for (int words = 6; words <= 12; words += 6) {
		buf b = BUF_INIT;
		doc_head(&b);
		buf_puts(&b, "<table rules=\"grid\"><col width=\"20mm\"/><col width=\"1*\"/><tbody><row><cell>");
		for (int i = 0; i < words; i++)
			buf_puts(&b, "ABCDEFGHIJ"); /* 60 or 120 characters, no break point */
		buf_puts(&b, "</cell><cell>naast</cell></row></tbody></table>"
		    "<p>https://www.voorbeeld.nl/een/heel/lang/pad/zonder/spaties/dat/niet/past/op/een/regel/van/deze/breedte/echt/niet</p>"
		    "</body></doc>");
		dl_doc *dl = lay(buf_str(&b));
		CHECK(dl != NULL);
		if (dl) {
			int lines = 0;
			double right = 0;
			for (size_t k = 0; k < dl->pages[0].nops; k++) {
				const dl_op *op = &dl->pages[0].ops[k];
				if (op->kind == DL_TEXT && (strncmp(op->u.text.text, "ABC", 3) == 0 ||
				    strstr(op->u.text.text, "GHIJ"))) {
					lines++;
					if (op->u.text.x + op->u.text.width > right)
						right = op->u.text.x + op->u.text.width;
				}
			}
			if (words == 6)
				CHECK_INT(lines, 1); /* the column is as wide as the word */
			else
				CHECK(lines >= 2);
			CHECK(right <= RIGHT_EDGE + 0.5);
			check_right_margin(dl);
		}
		dl_doc_free(dl);
		buf_free(&b);
	}
}

UNIT_TEST(layout_200_pages)
{
	buf b = BUF_INIT;
	doc_head(&b);
	for (int s = 1; s <= 200; s++) {
		buf_printf(&b, "<section numbered=\"yes\" id=\"s%d\"><title>Artikel over verwerking %d</title>", s, s);
		for (int i = 0; i < 6; i++)
			buf_printf(&b, "<p>%s%s</p>", long_para, long_para);
		buf_puts(&b, "<ul><li>een</li><li>twee<ul><li>drie<ol><li>vier</li></ol></li></ul></li></ul></section>");
	}
	buf_puts(&b, "</body></doc>");
	dl_doc *dl = lay(buf_str(&b));
	CHECK(dl != NULL);
	if (dl) {
		if (dl->npages < 200)
			fprintf(stderr, "  only %zu pages\n", dl->npages);
		CHECK(dl->npages >= 200);
		CHECK_INT(dl->noutline, 200);
		check_footers(dl);
		check_headings(dl);
		check_right_margin(dl);
	}
	dl_doc_free(dl);
	buf_free(&b);
}

UNIT_TEST(layout_text_runs_have_clusters)
{
	dl_doc *dl = lay(HEAD "<body><p>Officiële afﬁne tekst: verwerkingsverantwoordelijke.</p></body></doc>");
	CHECK(dl != NULL);
	if (dl) {
		size_t ntext = 0;
		for (size_t k = 0; k < dl->pages[0].nops; k++) {
			const dl_op *op = &dl->pages[0].ops[k];
			if (op->kind != DL_TEXT)
				continue;
			ntext++;
			const dl_text *t = &op->u.text;
			size_t bytes = 0, glyphs = 0;
			for (size_t c = 0; c < t->nclusters; c++) {
				bytes += (size_t)t->clusters[c].num_bytes;
				glyphs += (size_t)t->clusters[c].num_glyphs;
			}
			CHECK_INT(bytes, t->text_len);
			CHECK_INT(glyphs, t->nglyphs);
			CHECK(strstr(t->text, "\xC2\xAD") == NULL); /* soft hyphens never leak into text */
			const dl_font *f = &dl->fonts[t->font];
			/* Liberation, or its de-hinted copy (fonts/, made by make) */
			CHECK(f->file && (strstr(f->file, "Liberation") || strstr(f->file, "Zorgdoc")));
		}
		CHECK(ntext >= 2);
		CHECK(page_has_text(&dl->pages[0], "verwerkingsverantwoordelijke"));
	}
	dl_doc_free(dl);
}

/* Counts the lines of the italic paragraph on page p (each line is one
 * italic run). */
static int
italic_lines(const dl_doc *dl, size_t p)
{
	int n = 0;
	for (size_t k = 0; k < dl->pages[p].nops; k++) {
		const dl_op *op = &dl->pages[p].ops[k];
		if (op->kind == DL_TEXT && dl->fonts[op->u.text.font].italic)
			n++;
	}
	return n;
}

UNIT_TEST(layout_no_widows_or_orphans)
{
	/* Slide a six-line paragraph across the page break line by line: it
	 * may be split, but never leave a single line on either page. */
	int split = 0;
	for (int n = 24; n <= 36; n++) {
		buf b = BUF_INIT;
		doc_head(&b);
		for (int i = 0; i < n; i++)
			buf_puts(&b, "<p>Korte regel.</p>");
		buf_printf(&b, "<p><em>%s%s</em></p><p>Slot.</p></body></doc>", long_para, long_para);
		dl_doc *dl = lay(buf_str(&b));
		CHECK(dl != NULL);
		if (dl && dl->npages >= 2) {
			int a = italic_lines(dl, 0), c = italic_lines(dl, 1);
			CHECK(a + c >= 6);
			if (a == 1 || c == 1)
				fprintf(stderr, "  %d short paragraphs: %d line(s) on page 1, %d on page 2\n", n, a, c);
			CHECK(a != 1 && c != 1);
			if (a > 0 && c > 0)
				split = 1;
		}
		dl_doc_free(dl);
		buf_free(&b);
	}
	CHECK(split); /* some position did split the paragraph */
}

UNIT_TEST(doc_error_empty_ref_without_words)
{
	diag d = DIAG_INIT;
	doc_document *doc = parse(HEAD "<body><p id=\"p1\">Tekst.</p>\n<p>Zie <ref to=\"p1\"/>.</p></body></doc>", &d);
	CHECK(doc == NULL);
	CHECK(d.nerrors == 1 && d.items[0].line == 2 && strstr(d.items[0].msg, "write the words"));
	diag_free(&d);
	doc = parse(HEAD "<body><p id=\"p1\">Tekst.</p><p>Zie <ref to=\"p1\">de eerste alinea</ref>.</p>"
	    "<table id=\"t\"><caption>Tarieven</caption><col/><tbody><row><cell>x</cell></row></tbody></table>"
	    "<p>Zie <ref to=\"t\"/>.</p></body></doc>", &d);
	CHECK(doc != NULL);
	CHECK_INT(d.nerrors, 0);
	doc_free(doc);
	diag_free(&d);
}

UNIT_TEST(layout_row_taller_than_a_page_is_split)
{
	buf b = BUF_INIT;
	doc_head(&b);
	buf_puts(&b, "<table rules=\"grid\"><col width=\"30mm\"/><col width=\"1*\"/>"
	    "<thead><row><cell>Wie</cell><cell>Wat</cell></row></thead><tbody>"
	    "<row><cell>Eerste</cell><cell>kort</cell></row><row><cell>Lang</cell><cell>");
	for (int i = 0; i < 40; i++)
		buf_printf(&b, "<p>%d. %s</p>", i, long_para);
	buf_puts(&b, "</cell></row><row><cell>Laatste</cell><cell>kort</cell></row></tbody></table></body></doc>");
	dl_doc *dl = lay(buf_str(&b));
	CHECK(dl != NULL);
	if (dl) {
		CHECK(dl->npages >= 3);
		check_footers(dl);
		check_right_margin(dl);
		int seen = 0;
		for (size_t p = 0; p < dl->npages; p++) {
			CHECK(page_has_text(&dl->pages[p], "Wie")); /* header repeated */
			for (size_t k = 0; k < dl->pages[p].nops; k++) {
				const dl_op *op = &dl->pages[p].ops[k];
				if (op->kind != DL_TEXT || op->u.text.y > A4_H - 12 * 72.0 / 25.4 - 0.5)
					continue; /* the footer */
				if (op->u.text.y > BODY_BOTTOM + 0.5)
					fprintf(stderr, "  \"%s\" at y=%.1f on page %zu\n", op->u.text.text, op->u.text.y, p + 1);
				CHECK(op->u.text.y < BODY_BOTTOM + 0.5); /* nothing runs into the footer */
				if (strstr(op->u.text.text, ". De verwerkingsverantwoordelijke"))
					seen++;
			}
		}
		CHECK_INT(seen, 40);
	}
	dl_doc_free(dl);
	buf_free(&b);
}

/* Text runs of page 0 as "font-weight:x:y:text" lines, for comparing. */
static char *
runs_of(const dl_doc *dl)
{
	buf b = BUF_INIT;
	for (size_t k = 0; dl && k < dl->pages[0].nops; k++) {
		const dl_op *op = &dl->pages[0].ops[k];
		if (op->kind == DL_TEXT)
			buf_printf(&b, "%d:%.2f:%.2f:%s\n", dl->fonts[op->u.text.font].weight,
			    op->u.text.x, op->u.text.y, op->u.text.text);
	}
	return buf_detach(&b);
}

UNIT_TEST(layout_kept_paragraphs_follow_style_and_width)
{
	/* Paragraph layouts are kept across documents (a batch sets the same
	 * words on every invoice): the same text with a word in bold, in a
	 * narrower cell or in another size is laid out anew, and the first
	 * document laid out again gives the same runs. */
	const char *plain = HEAD "<body><p>Hallo wereld, dit is dezelfde tekst in twee documenten.</p></body></doc>";
	const char *bold = HEAD "<body><p>Hallo <strong>wereld</strong>, dit is dezelfde tekst in twee documenten.</p></body></doc>";
	const char *narrow = HEAD "<body><table><col width=\"20%\"/><col/><tbody><row><cell>Hallo wereld, dit is dezelfde tekst in twee documenten.</cell><cell>x</cell></row></tbody></table></body></doc>";
	dl_doc *a = lay(plain), *b = lay(bold), *n = lay(narrow), *a2 = lay(plain);
	CHECK(a && b && n && a2);
	char *ra = runs_of(a), *rb = runs_of(b), *rn = runs_of(n), *ra2 = runs_of(a2);
	CHECK_STR(ra2, ra);
	CHECK(strstr(ra, "700:") == NULL);
	CHECK(strstr(rb, "700:") != NULL);   /* "wereld" in bold */
	CHECK(strcmp(rn, ra) != 0);          /* broken over more lines */
	/* the cell's text in three lines, not the body's one */
	CHECK(strstr(rn, "Hallo wereld, dit is \n") != NULL);
	CHECK(strstr(rn, "twee documenten.\n") != NULL);
	free(ra);
	free(rb);
	free(rn);
	free(ra2);
	dl_doc_free(a);
	dl_doc_free(b);
	dl_doc_free(n);
	dl_doc_free(a2);
}
