/* layout_bench — how fast zorgdoc sets pages, against the floor: a bare
 * pango + cairo loop that draws the same paragraphs into a PDF.
 *
 * usage: layout_bench MODE DOC N
 *   MODE  engine-pdf  parse + validate + layout + cairo PDF (in memory)
 *         engine      parse + validate + layout (display list only)
 *         floor       the same paragraph texts, each a justified
 *                     PangoLayout, shown with pango_cairo_show_layout on a
 *                     cairo PDF surface (in memory), new page when full
 *   DOC   a document XML (tests/layout/zorgnota.xml) or "text10" for a
 *         generated ten-page text document
 *   N     repetitions in this process
 * Prints one line: mode doc n pages seconds docs/s pages/s maxrss-KiB.
 * tests/bench/run.sh runs each mode in its own process (so peak memory is
 * per mode) and prints the ratio. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "base/buf.h"
#include "base/fsio.h"
#include "base/paths.h"
#include "base/xmlsafe.h"
#include "doc/doc.h"
#include "layout/layout.h"
#include "render/device.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *para_text =
    "De verwerkingsverantwoordelijke en de verwerker leggen in deze overeenkomst vast hoe "
    "persoonsgegevens worden verwerkt, welke beveiligingsmaatregelen worden genomen en wat er "
    "gebeurt wanneer zich een incident voordoet. Verwerker garandeert dat betrokken medewerkers "
    "een geheimhoudingsovereenkomst hebben getekend en geeft op verzoek inzage daarin. ";

/* The generated ten-page text: 12 sections of a heading and 5 paragraphs. */
static char *
text10(void)
{
	buf b = BUF_INIT;
	buf_puts(&b, "<doc xmlns=\"urn:zorgdoc:doc:1\"><meta><title>Privacyverklaring</title>"
	    "<date>2023-10-19</date></meta><style font=\"serif\"/><footer><left>Privacyverklaring</left>"
	    "<right>pagina <page/> van <pages/></right></footer><body>");
	for (int s = 1; s <= 12; s++) {
		buf_printf(&b, "<section numbered=\"yes\"><title>Onderwerp %d van de verklaring</title>", s);
		for (int p = 0; p < 5; p++)
			buf_printf(&b, "<p>%s%s</p>", para_text, p % 2 ? para_text : "");
		buf_puts(&b, "</section>");
	}
	buf_puts(&b, "</body></doc>");
	return buf_detach(&b);
}

/* Plain texts of every block, for the floor. */
typedef struct {
	char **s;
	int *bold;
	size_t n, cap;
} texts;

static void
gather_inline(const doc_node *n, buf *b)
{
	for (; n; n = n->next) {
		if (n->kind == DOC_TEXT || n->kind == DOC_NOBR)
			buf_puts(b, n->text);
		else
			gather_inline(n->first, b);
	}
}

static void
gather(const doc_node *n, texts *t)
{
	for (; n; n = n->next) {
		int leaf = n->kind == DOC_P || n->kind == DOC_TITLE || n->kind == DOC_CELL ||
		    n->kind == DOC_LINE || n->kind == DOC_FIELD || n->kind == DOC_LI;
		if (leaf) {
			buf b = BUF_INIT;
			gather_inline(n->first, &b);
			if (t->n == t->cap) {
				t->cap = t->cap ? 2 * t->cap : 64;
				t->s = realloc(t->s, t->cap * sizeof *t->s);
				t->bold = realloc(t->bold, t->cap * sizeof *t->bold);
			}
			t->bold[t->n] = n->kind == DOC_TITLE;
			t->s[t->n++] = buf_detach(&b);
		} else {
			gather(n->first, t);
		}
	}
}

static cairo_status_t
sink(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The floor: one PDF of the texts; returns its page count. */
static size_t
floor_once(const texts *t, int serif)
{
	buf out = BUF_INIT;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(sink, &out, 595.276, 841.89);
	cairo_t *cr = cairo_create(s);
	PangoFontDescription *fd = pango_font_description_from_string(
	    serif ? "Liberation Serif 10.5" : "Liberation Sans 9.8");
	PangoFontDescription *fb = pango_font_description_copy(fd);
	pango_font_description_set_weight(fb, PANGO_WEIGHT_BOLD);
	double y = 68, w = 462;
	size_t pages = 1;
	PangoContext *pc = pango_cairo_create_context(cr);
	pango_cairo_context_set_resolution(pc, 72); /* points, as the engine */
	for (size_t i = 0; i < t->n; i++) {
		PangoLayout *l = pango_layout_new(pc);
		pango_layout_set_font_description(l, t->bold[i] ? fb : fd);
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
		pango_layout_set_justify(l, TRUE);
		pango_layout_set_text(l, t->s[i], -1);
		int lw, lh;
		pango_layout_get_size(l, &lw, &lh);
		double h = lh / (double)PANGO_SCALE;
		if (y + h > 774) {
			cairo_show_page(cr);
			pages++;
			y = 68;
		}
		cairo_move_to(cr, 71, y);
		pango_cairo_show_layout(cr, l);
		y += h + 6;
		g_object_unref(l);
	}
	cairo_show_page(cr);
	g_object_unref(pc);
	pango_font_description_free(fd);
	pango_font_description_free(fb);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	buf_free(&out);
	return pages;
}

int
main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: layout_bench engine|engine-pdf|floor DOC N\n");
		return 2;
	}
	const char *mode = argv[1];
	int n = atoi(argv[3]);
	diag d = DIAG_INIT;
	if (xmlsafe_init(paths_datadir(), &d) != 0) {
		diag_print(&d, stderr);
		return 1;
	}
	char *data;
	size_t len;
	char *dir = NULL;
	if (strcmp(argv[2], "text10") == 0) {
		data = text10();
		len = strlen(data);
	} else {
		if (fsio_read_file(argv[2], 1 << 22, &data, &len, &d) != 0) {
			diag_print(&d, stderr);
			return 1;
		}
		dir = strdup(argv[2]);
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
	}
	size_t pages = 0;
	double t0 = 0;
	if (strcmp(mode, "floor") == 0) {
		doc_document *doc = doc_parse(data, len, argv[2], dir, &d);
		if (!doc) {
			diag_print(&d, stderr);
			return 1;
		}
		texts t = { 0 };
		gather(doc->body->first, &t);
		int serif = doc->font == DOC_FONT_SERIF;
		doc_free(doc);
		floor_once(&t, serif); /* warm-up: fonts */
		t0 = now();
		for (int i = 0; i < n; i++)
			pages += floor_once(&t, serif);
		for (size_t i = 0; i < t.n; i++)
			free(t.s[i]);
		free(t.s);
		free(t.bold);
	} else {
		int pdf = strcmp(mode, "engine-pdf") == 0;
		for (int i = -1; i < n; i++) { /* i == -1: warm-up */
			if (i == 0)
				t0 = now();
			doc_document *doc = doc_parse(data, len, argv[2], dir, &d);
			dl_doc *dl = doc ? layout_run(doc, &d) : NULL;
			if (!dl) {
				diag_print(&d, stderr);
				return 1;
			}
			if (pdf) {
				buf out = BUF_INIT;
				if (render_cairo_pdf(dl, &out, &d) != 0) {
					diag_print(&d, stderr);
					return 1;
				}
				buf_free(&out);
			}
			if (i >= 0)
				pages += dl->npages;
			dl_doc_free(dl);
			doc_free(doc);
		}
	}
	double secs = now() - t0;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%-10s %-8s %4d %5zu %7.3f %8.1f %8.1f %7ld\n", mode,
	    strcmp(argv[2], "text10") == 0 ? "text10" : "invoice", n, pages, secs,
	    n / secs, pages / secs, ru.ru_maxrss);
	free(data);
	free(dir);
	layout_cleanup();
	xmlsafe_cleanup();
	return 0;
}
