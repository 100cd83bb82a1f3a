/* render_fixture — see render_fixture.h. A few lines of pango standing in
 * for the layout engine, so the output devices can be tested alone. */
#define _GNU_SOURCE
#include "render_fixture.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../../src/base/buf.h"

#define A4_W 595.276
#define A4_H 841.890
#define MARGIN 72.0

static const dl_color black = { 0, 0, 0, 1 };
static const dl_color accent = { 0.1, 0.3, 0.55, 1 };

static size_t
font_of(dl_doc *doc, PangoFont *pf)
{
	dl_font f = { 0 };
	f.pango = pf;
	FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
	FcChar8 *file = NULL;
	int index = 0;
	FcPatternGetString(pat, FC_FILE, 0, &file);
	FcPatternGetInteger(pat, FC_INDEX, 0, &index);
	PangoFontDescription *desc = pango_font_describe(pf);
	f.file = (char *)file;
	f.face_index = index;
	f.family = (char *)pango_font_description_get_family(desc);
	f.weight = pango_font_description_get_weight(desc);
	f.italic = pango_font_description_get_style(desc) != PANGO_STYLE_NORMAL;
	f.size = pango_font_description_get_size(desc) / (double)PANGO_SCALE;
	size_t i = dl_font_intern(doc, &f);
	pango_font_description_free(desc);
	return i;
}

/* Lays out text in a box of width w at (x, y) and appends its runs to
 * page; returns the height used. */
static double
add_paragraph(dl_doc *doc, dl_page *page, PangoContext *ctx, const char *font,
    const char *text, double x, double y, double w, int justify, dl_color color)
{
	PangoLayout *lay = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
	pango_layout_set_justify(lay, justify);
	pango_layout_set_text(lay, text, -1);
	const char *all = pango_layout_get_text(lay);
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		if (!run)
			continue;
		PangoRectangle logical;
		pango_layout_iter_get_run_extents(it, NULL, &logical);
		double bx = x + logical.x / (double)PANGO_SCALE;
		double by = y + pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
		PangoItem *item = run->item;
		PangoGlyphString *gs = run->glyphs;
		dl_op *op = dl_op_add(page, DL_TEXT);
		dl_text *t = &op->u.text;
		t->font = font_of(doc, item->analysis.font);
		t->color = color;
		t->x = bx;
		t->y = by;
		t->text = xstrndup(all + item->offset, (size_t)item->length);
		t->text_len = (size_t)item->length;
		t->glyphs = xcalloc((size_t)gs->num_glyphs, sizeof *t->glyphs);
		t->clusters = xcalloc((size_t)gs->num_glyphs, sizeof *t->clusters);
		double gx = bx;
		for (int i = 0; i < gs->num_glyphs; i++) {
			PangoGlyphInfo *g = &gs->glyphs[i];
			t->glyphs[t->nglyphs++] = (dl_glyph){ g->glyph,
				gx + g->geometry.x_offset / (double)PANGO_SCALE,
				by + g->geometry.y_offset / (double)PANGO_SCALE };
			gx += g->geometry.width / (double)PANGO_SCALE;
			if (i == 0 || gs->log_clusters[i] != gs->log_clusters[i - 1]) {
				int next = item->length;
				for (int j = i + 1; j < gs->num_glyphs; j++)
					if (gs->log_clusters[j] != gs->log_clusters[i]) {
						next = gs->log_clusters[j];
						break;
					}
				t->clusters[t->nclusters++] =
				    (dl_cluster){ next - gs->log_clusters[i], 0 };
			}
			t->clusters[t->nclusters - 1].num_glyphs++;
		}
		t->width = gx - bx;
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	int ph;
	pango_layout_get_size(lay, NULL, &ph);
	g_object_unref(lay);
	return ph / (double)PANGO_SCALE;
}

static cairo_status_t
png_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

unsigned char *
fixture_png_new(int w, int h, size_t *len)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0.1, 0.3, 0.55);
	cairo_paint(cr);
	cairo_set_source_rgba(cr, 0.9, 0.1, 0.1, 0.5);
	cairo_rectangle(cr, w / 4.0, h / 4.0, w / 2.0, h / 2.0);
	cairo_fill(cr);
	cairo_destroy(cr);
	buf b = BUF_INIT;
	cairo_surface_write_to_png_stream(s, png_to_buf, &b);
	cairo_surface_destroy(s);
	*len = b.len;
	return (unsigned char *)buf_detach(&b);
}

static const char svg_logo[] =
    "<svg xmlns='http://www.w3.org/2000/svg' width='120' height='60' viewBox='0 0 120 60'>"
    "<rect x='2' y='2' width='116' height='56' rx='10' fill='#1a4d8c'/>"
    "<circle cx='30' cy='30' r='18' fill='#f2c14e'/>"
    "<path d='M60 45 L80 15 L100 45 Z' fill='#ffffff'/></svg>";

static const char para1[] =
    "Dit is de officiële privacyverklaring van de praktijk. Wij vinden het fijn "
    "dat u ons vertrouwt: de verwerkingsverantwoordelijke behandelt uw gegevens "
    "officieel en zorgvuldig, met een geheimhoudingsovereenkomst voor iedereen die "
    "uw dossier inziet. Wij bewaren het dossier twintig jaar, zoals de WGBO vraagt.";
static const char para2[] =
    "Heeft u vragen over deze verklaring, schrijf dan naar info@praktijk.example "
    "of kijk op de website. Efficiënte afhandeling is ons doel.";
/* DejaVu Serif forms fi, ffi and fl ligatures (Liberation does not). */
static const char para_lig[] =
    "Ligaturen: officieel, fijn, afleveren en de officiële aflevering.";
static const char para3[] =
    "Op deze tweede pagina staan uw rechten: inzage, correctie en verwijdering.";

dl_doc *
fixture_doc_new(int npages)
{
	dl_doc *doc = dl_doc_new();
	dl_meta_set(&doc->meta.title, "Privacyverklaring Praktijk De Linde");
	dl_meta_set(&doc->meta.author, "Praktijk De Linde");
	dl_meta_set(&doc->meta.subject, "Verwerking van persoonsgegevens");
	dl_meta_set(&doc->meta.keywords, "privacy, AVG");
	dl_meta_set(&doc->meta.lang, "nl");
	dl_meta_set(&doc->meta.date, "2023-10-19");

	/* The font map must outlive the document: finalising it shuts its
	 * fonts down, and their cairo faces with them. */
	static PangoFontMap *fm;
	if (!fm)
		fm = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(fm);
	pango_cairo_context_set_resolution(ctx, 72);
	/* At 72 dpi pango would round every advance to a whole point. */
	pango_context_set_round_glyph_positions(ctx, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);

	dl_page *pg = dl_page_add(doc, A4_W, A4_H);
	double w = A4_W - 2 * MARGIN, y = MARGIN;
	size_t len;
	unsigned char *png = fixture_png_new(64, 32, &len);
	dl_add_image(pg, A4_W - MARGIN - 64, 30, 64, 32, DL_IMAGE_PNG, png, len);
	unsigned char *svg = (unsigned char *)xstrdup(svg_logo);
	dl_add_image(pg, MARGIN, 26, 80, 40, DL_IMAGE_SVG, svg, strlen(svg_logo));
	dl_add_anchor(pg, "top", MARGIN, y);
	y += add_paragraph(doc, pg, ctx, "Liberation Sans Bold 18", "Privacyverklaring", MARGIN, y,
	    w, 0, accent);
	dl_add_outline(doc, "Privacyverklaring", 1, 0, MARGIN, "top");
	y += 6;
	dl_add_line(pg, MARGIN, y, A4_W - MARGIN, y, 0.75, accent);
	y += 12;
	y += add_paragraph(doc, pg, ctx, "Liberation Serif 11", para1, MARGIN, y, w, 1, black);
	y += 8;
	double ly = y;
	y += add_paragraph(doc, pg, ctx, "Liberation Serif 11", para2, MARGIN, y, w, 1, black);
	dl_add_link(pg, MARGIN, ly, w, 14, "https://praktijk.example/privacy?a='b'", NULL);
	y += 12;
	dl_color grey = { 0.92, 0.92, 0.92, 1 };
	dl_add_rect(pg, MARGIN, y, w, 40, &grey, 0.5, &accent);
	y += add_paragraph(doc, pg, ctx, "Liberation Sans 10", "Zie ook: uw rechten", MARGIN + 6,
	    y + 8, w, 0, black);
	if (npages > 1)
		dl_add_link(pg, MARGIN, y, 120, 20, NULL, "rechten");
	y += 24;
	add_paragraph(doc, pg, ctx, "DejaVu Serif 11", para_lig, MARGIN, y, w, 0, black);
	dl_add_outline(doc, "Bewaartermijn", 2, 0, ly, NULL);
	if (npages > 1) {
		pg = dl_page_add(doc, A4_W, A4_H);
		y = MARGIN;
		dl_add_anchor(pg, "rechten", MARGIN, y);
		y += add_paragraph(doc, pg, ctx, "Liberation Sans Bold 14", "Uw rechten", MARGIN, y,
		    w, 0, accent);
		dl_add_outline(doc, "Uw rechten", 1, 1, MARGIN, "rechten");
		y += 6;
		add_paragraph(doc, pg, ctx, "Liberation Serif 11", para3, MARGIN, y, w, 1, black);
		dl_add_link(pg, MARGIN, y, 100, 14, NULL, "top");
	}
	g_object_unref(ctx);
	return doc;
}

char *
fixture_run(const char *cmd, int *status)
{
	FILE *fp = popen(cmd, "r");
	buf b = BUF_INIT;
	if (!fp) {
		*status = -1;
		return buf_detach(&b);
	}
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(&b, chunk, n);
	int st = pclose(fp);
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return buf_detach(&b);
}

char *
fixture_tmpdir(void)
{
	char *t = xstrdup("/tmp/zorgdoc-render-XXXXXX");
	if (!mkdtemp(t))
		abort();
	return t;
}

void
fixture_rmdir(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int st;
	free(fixture_run(cmd, &st));
	free(cmd);
}

int
fixture_in_order(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = strstr(s, words[i]);
		if (!p)
			return 0;
		s = p + strlen(words[i]);
	}
	return 1;
}
