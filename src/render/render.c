/* render — see render.h. The dispatcher: picks a device for the format,
 * paints into memory, runs the qpdf steps a PDF needs (xref repair after
 * cairo links, AES-256 encryption) and writes every output file
 * atomically. For PNG and SVG each page is a file (OUT.png for a one-page
 * document, else OUT-1.png, OUT-2.png ...); all pages are painted and
 * written to temp files before the first is renamed into place, so a
 * full disk leaves every previous page file as it was. */
#define _GNU_SOURCE
#include "render.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "device.h"
#include "trace.h"

render_format
render_format_from_path(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot || strchr(dot, '/'))
		return RENDER__MAX;
	static const struct {
		const char *ext;
		render_format f;
	} map[] = {
		{ ".pdf", RENDER_PDF }, { ".png", RENDER_PNG }, { ".svg", RENDER_SVG },
		{ ".trace", RENDER_TRACE }, { ".txt", RENDER_TRACE },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(dot, map[i].ext) == 0)
			return map[i].f;
	return RENDER__MAX;
}

/* Returns the file name of page i (0-based) of n for a per-page format:
 * path itself when n == 1, else the stem, "-<i+1>" and the extension. */
static char *
page_path(const char *path, size_t i, size_t n)
{
	if (n == 1)
		return xstrdup(path);
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');
	if (!dot || (slash && dot < slash) || dot == path || (slash && dot == slash + 1))
		return xasprintf("%s-%zu", path, i + 1);
	return xasprintf("%.*s-%zu%s", (int)(dot - path), path, i + 1, dot);
}

static int
write_pages(const dl_doc *doc, const render_opts *opt, const char *path, diag *d)
{
	size_t n = doc->npages;
	if (n == 0)
		return diag_error(d, path, 0, 0, "the document has no pages");
	double dpi = opt->png_dpi > 0 ? opt->png_dpi : 96;
	if (opt->format == RENDER_PNG && dpi > 2400)
		return diag_error(d, path, 0, 0, "resolution of %g dpi is too high", dpi);
	buf *pages = xcalloc(n, sizeof *pages);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = opt->format == RENDER_PNG ?
		    render_cairo_png(doc, i, dpi, &pages[i], d) :
		    render_cairo_svg(doc, i, &pages[i], d);
	/* All pages or none: every page is written and synced to its temp
	 * file first (a full disk shows here, and the previous files stay
	 * as they were); only then are they renamed into place. */
	fsio_atomic **files = xcalloc(n, sizeof *files);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *name = page_path(path, i, n);
		files[i] = fsio_atomic_open(name, FSIO_REPLACE, d);
		free(name);
		if (!files[i]) {
			rc = -1;
			break;
		}
		fsio_atomic_write(files[i], pages[i].s, pages[i].len);
		rc = fsio_atomic_prepare(files[i], d);
	}
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && files[i])
			rc = fsio_atomic_commit(files[i], d);
		else
			fsio_atomic_abort(files[i]);
		buf_free(&pages[i]);
	}
	free(pages);
	free(files);
	return rc;
}

static int
write_pdf(const dl_doc *doc, const render_opts *opt, const char *path, diag *d)
{
	buf pdf = BUF_INIT;
	int rc;
	render_qpdf_opts q = { 0 };
	q.lang = doc->meta.lang && *doc->meta.lang ? doc->meta.lang : NULL;
	q.password = opt->password;
	q.date = render_doc_time(doc);
	/* /Lang is set whenever qpdf runs, but is no reason to run it: the
	 * rewrite costs about half as much again as cairo's own PDF. */
	int need_qpdf = q.password != NULL;
	if (opt->device == RENDER_DEVICE_HARU) {
		rc = render_haru_pdf(doc, opt, &pdf, d);
		q.haru = 1;
		q.attachments = opt->attachments;
		q.nattachments = opt->nattachments;
		need_qpdf = 1;
	} else {
		rc = render_cairo_pdf(doc, &pdf, d);
		/* cairo 1.16 writes a damaged xref when link tags are used
		 * (SECURITY.md): the qpdf rewrite repairs it. cairo cannot
		 * attach files either: qpdf embeds them. */
		q.attachments = opt->attachments;
		q.nattachments = opt->nattachments;
		need_qpdf |= render_doc_has_links(doc) || opt->nattachments > 0;
	}
	if (rc == 0 && need_qpdf)
		rc = render_qpdf_rewrite(&pdf, &q, d);
	if (rc == 0)
		rc = fsio_write_file(path, pdf.s, pdf.len, opt->fsio_flags, d);
	buf_free(&pdf);
	return rc;
}

int
render_write(const dl_doc *doc, const render_opts *opt, const char *path, diag *d)
{
	if ((int)opt->device < 0 || opt->device >= RENDER_DEVICE__MAX)
		return diag_error(d, path, 0, 0, "unknown output device");
	if (opt->password && opt->format != RENDER_PDF)
		return diag_error(d, path, 0, 0, "only PDF output can be password-protected");
	if (opt->password && !*opt->password)
		return diag_error(d, path, 0, 0, "the password is empty");
	if (opt->nattachments > 0 && opt->format != RENDER_PDF)
		return diag_error(d, path, 0, 0, "only PDF output can carry attachments");
	if (opt->device == RENDER_DEVICE_HARU && opt->format != RENDER_PDF)
		return diag_error(d, path, 0, 0, "the haru device writes only PDF");
	switch (opt->format) {
	case RENDER_PDF:
		return write_pdf(doc, opt, path, d);
	case RENDER_PNG:
	case RENDER_SVG:
		return write_pages(doc, opt, path, d);
	case RENDER_TRACE: {
		buf b = BUF_INIT;
		trace_write(doc, &b);
		int rc = fsio_write_file(path, buf_str(&b), b.len, FSIO_REPLACE, d);
		buf_free(&b);
		return rc;
	}
	case RENDER__MAX:
		break;
	}
	return diag_error(d, path, 0, 0, "unknown output format");
}

int
render_doc_has_links(const dl_doc *doc)
{
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nops; i++)
			if (doc->pages[p].ops[i].kind == DL_LINK ||
			    doc->pages[p].ops[i].kind == DL_ANCHOR)
				return 1;
	return 0;
}

time_t
render_doc_time(const dl_doc *doc)
{
	const char *s = doc->meta.date;
	if (s) {
		int y, mo, da, h = 0, mi = 0, se = 0, n = 0;
		if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &da, &n) == 3 && n == 10 &&
		    (s[10] == '\0' ||
			(s[10] == 'T' && sscanf(s + 11, "%2d:%2d:%2d", &h, &mi, &se) >= 2)) &&
		    y >= 1970 && y < 10000 && mo >= 1 && mo <= 12 && da >= 1 && da <= 31 &&
		    h >= 0 && h < 24 && mi >= 0 && mi < 60 && se >= 0 && se < 61) {
			struct tm tm = { 0 };
			tm.tm_year = y - 1900;
			tm.tm_mon = mo - 1;
			tm.tm_mday = da;
			tm.tm_hour = h;
			tm.tm_min = mi;
			tm.tm_sec = se;
			return timegm(&tm);
		}
	}
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e && *e) {
		char *end;
		long long v = strtoll(e, &end, 10);
		if (*end == '\0' && v >= 0 && v < 253402300800LL)
			return (time_t)v;
	}
	return 0;
}
