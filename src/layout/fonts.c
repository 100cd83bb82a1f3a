/* fonts — the pinned fonts of the layout engine (process-wide): Liberation
 * (or its de-hinted copies) and the fallbacks for other scripts, in a private
 * fontconfig configuration; the pango context every paragraph uses. */
#define _GNU_SOURCE
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <qrencode.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../base/paths.h"
#include "../base/xmlsafe.h"
#include "hyph.h"


/* ---------- fonts (process-wide) ---------- */

static PangoFontMap *fontmap;
PangoContext *pctx;

static const char *font_files[] = {
	"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
	"LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf",
	"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
	"LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf",
};

/* The same fonts without their hinting, which zorgdoc never uses but
 * cairo would embed in every PDF (11 kB of a 26 kB zorgnota): `make`
 * writes them into the data directory's fonts/ (tools/ttf-dehint.c),
 * renamed, as the Open Font License asks of a modified Liberation. Used
 * when all are there. */
static const char *dehinted_files[] = {
	"ZorgdocSans-Regular.ttf", "ZorgdocSans-Bold.ttf",
	"ZorgdocSans-Italic.ttf", "ZorgdocSans-BoldItalic.ttf",
	"ZorgdocSerif-Regular.ttf", "ZorgdocSerif-Bold.ttf",
	"ZorgdocSerif-Italic.ttf", "ZorgdocSerif-BoldItalic.ttf",
};
#define NFONT_FILES (sizeof font_files / sizeof font_files[0])

/* The families documents are set in: of the fonts fonts_init found. */
const char *family_sans = "Liberation Sans", *family_serif = "Liberation Serif";

/* Are all of files[] readable in dir? */
static int
all_in(const char *dir, const char *const *files)
{
	int ok = dir != NULL;
	for (size_t i = 0; ok && i < NFONT_FILES; i++) {
		char *p = xasprintf("%s/%s", dir, files[i]);
		ok = access(p, R_OK) == 0;
		free(p);
	}
	return ok;
}

/* Fonts for scripts Liberation lacks, used only for those characters
 * (fontconfig falls back to them): Arabic and Hebrew (DejaVu), Chinese,
 * Japanese and Korean (Droid Sans Fallback). Optional: text that needs a
 * missing one is refused at layout, never drawn as boxes. */
static const char *fallback_files[] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
	"DroidSansFallbackFull.ttf",
};
static const char *fallback_dirs[] = {
	"/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/droid",
};

/* Adds the fallback fonts found in dir (and, unless only_dir, in the
 * system's font directories) to cfg. */
static void
fonts_add_fallbacks(FcConfig *cfg, const char *dir, int only_dir)
{
	for (size_t i = 0; i < sizeof fallback_files / sizeof fallback_files[0]; i++) {
		size_t ndirs = only_dir ? 0 : sizeof fallback_dirs / sizeof fallback_dirs[0];
		for (size_t j = 0; j <= ndirs; j++) {
			char *p = xasprintf("%s/%s", j == 0 ? dir : fallback_dirs[j - 1],
			    fallback_files[i]);
			int ok = access(p, R_OK) == 0 && FcConfigAppFontAddFile(cfg, (const FcChar8 *)p);
			free(p);
			if (ok)
				break;
		}
	}
}

int
fonts_init(diag *d)
{
	if (pctx)
		return 0;
	/* $ZORGDOC_FONTDIR names the one place to look for Liberation (no
	 * fallback: a missing font is an error, never a document in another
	 * font); else the data directory's fonts/, de-hinted copies first,
	 * else Debian's Liberation. */
	const char *env = getenv("ZORGDOC_FONTDIR");
	const char *const *files = font_files;
	char *dir;
	family_sans = "Liberation Sans";
	family_serif = "Liberation Serif";
	if (env && *env) {
		dir = xstrdup(env);
	} else {
		dir = paths_data_file("fonts");
		if (all_in(dir, dehinted_files)) {
			files = dehinted_files;
			family_sans = "Zorgdoc Sans";
			family_serif = "Zorgdoc Serif";
		} else {
			char *probe = dir ? xasprintf("%s/%s", dir, font_files[0]) : NULL;
			if (!probe || access(probe, R_OK) != 0) {
				free(dir);
				dir = xstrdup("/usr/share/fonts/truetype/liberation2");
			}
			free(probe);
		}
	}
	FcConfig *cfg = FcConfigCreate();
	int rc = 0;
	for (size_t i = 0; i < NFONT_FILES; i++) {
		char *p = xasprintf("%s/%s", dir, files[i]);
		if (!FcConfigAppFontAddFile(cfg, (const FcChar8 *)p))
			rc = access(p, R_OK) != 0
			    ? diag_error(d, p, 0, 0, "font file missing (install fonts-liberation2)")
			    : files == font_files
			    ? diag_error(d, p, 0, 0, "not a usable font file (damaged?); "
			        "reinstall fonts-liberation2")
			    : diag_error(d, p, 0, 0, "not a usable font file (damaged?); "
			        "remove it and run make again");
		free(p);
	}
	if (rc == 0)
		fonts_add_fallbacks(cfg, dir, env && *env);
	free(dir);
	if (rc != 0) {
		FcConfigDestroy(cfg);
		return -1;
	}
	fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fontmap), cfg);
	FcConfigDestroy(cfg);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fontmap), 72.0);
	pctx = pango_font_map_create_context(fontmap);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(pctx, 72.0);
	pango_context_set_round_glyph_positions(pctx, FALSE);
	pango_context_set_language(pctx, pango_language_from_string("nl"));
	/* strong left to right (the default is weak: the first letter of a
	 * paragraph would decide, and a paragraph opening with an Arabic
	 * name was set right to left, punctuation and all) */
	pango_context_set_base_dir(pctx, PANGO_DIRECTION_LTR);
	return 0;
}


void
layout_cleanup(void)
{
	lcache_clear();
	if (pctx)
		g_object_unref(pctx);
	if (fontmap)
		g_object_unref(fontmap);
	pctx = NULL;
	fontmap = NULL;
	hyph_cleanup();
}

