/* render — `zorgdoc render DOC.xml -o OUT`: a document in the zorgdoc
 * vocabulary (schema/doc.rng) → laid-out pages → a PDF, PNG, SVG or text
 * trace, through src/doc (parse + validate), src/layout (pages) and
 * src/render (devices). The password for a protected PDF is read from a
 * file, never taken from the command line (it would show in `ps`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../doc/doc.h"
#include "../layout/layout.h"
#include "../render/render.h"
#include "../render/trace.h"
#include "cmd.h"

static const char usage[] =
    "usage: zorgdoc render DOC.xml -o OUT [--format pdf|png|svg|trace]\n"
    "                      [--device cairo|haru] [--password-file FILE]\n"
    "                      [--attach FILE]... [--audit]\n"
    "\n"
    "Sets a document written in the zorgdoc vocabulary (schema/doc.rng,\n"
    "docs/doc-vocabulary.md) as A4 pages and writes them to OUT. The format\n"
    "comes from OUT's extension (.pdf .png .svg .trace) unless --format is\n"
    "given; PNG and SVG write one file per page (OUT-1.png, OUT-2.png ...\n"
    "when there is more than one page).\n"
    "\n"
    "  -o, --output OUT      the file to write (replaced atomically)\n"
    "  --format F            pdf, png, svg or trace (every drawing call as text)\n"
    "  --device D            cairo (default) or haru (PDF with attachments)\n"
    "  --password-file FILE  protect the PDF with the password in FILE\n"
    "                        (first line; AES-256; printing allowed)\n"
    "  --attach FILE         embed FILE in the PDF (haru device; repeatable)\n"
    "  --audit               report typesetting faults (widows, a heading at\n"
    "                        the foot of a page, hyphenation, text over text,\n"
    "                        ...; docs/layout-audit.md) as warnings, and exit 1\n"
    "                        when there is one (the output is still written).\n"
    "                        ZORGDOC_AUDIT=1 does the same for every command\n"
    "                        that writes a PDF; ZORGDOC_AUDIT=strict refuses.\n"
    "\n"
    "Exit status: 0 ok, 1 bad document, failed output or an audit finding,\n"
    "2 usage error.\n";

static render_format
format_from_name(const char *s)
{
	if (strcmp(s, "pdf") == 0)
		return RENDER_PDF;
	if (strcmp(s, "png") == 0)
		return RENDER_PNG;
	if (strcmp(s, "svg") == 0)
		return RENDER_SVG;
	if (strcmp(s, "trace") == 0 || strcmp(s, "txt") == 0)
		return RENDER_TRACE;
	return RENDER__MAX;
}

static char *
read_password(const char *path, diag *d)
{
	char *data;
	size_t len;
	if (fsio_read_file(path, 4096, &data, &len, d) != 0)
		return NULL;
	size_t n = strcspn(data, "\r\n");
	data[n] = '\0';
	if (n == 0) {
		free(data);
		diag_error(d, path, 1, 1, "the password file is empty");
		return NULL;
	}
	return data;
}

int
cmd_render(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	const char *in = NULL, *out = NULL, *fmt = NULL, *dev = NULL, *pwfile = NULL;
	render_attachment *att = NULL;
	size_t natt = 0;
	int status = EXIT_USAGE;
	int audit = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && next) {
			out = next;
			i++;
		} else if (strcmp(a, "--format") == 0 && next) {
			fmt = next;
			i++;
		} else if (strcmp(a, "--device") == 0 && next) {
			dev = next;
			i++;
		} else if (strcmp(a, "--password-file") == 0 && next) {
			pwfile = next;
			i++;
		} else if (strcmp(a, "--audit") == 0) {
			audit = 1;
		} else if (strcmp(a, "--attach") == 0 && next) {
			att = xrealloc(att, (natt + 1) * sizeof *att);
			att[natt++] = (render_attachment){ next, NULL, NULL };
			i++;
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "zorgdoc render: unknown option '%s'\n%s", a, usage);
			goto out;
		} else if (!in) {
			in = a;
		} else {
			fprintf(stderr, "zorgdoc render: one document at a time\n%s", usage);
			goto out;
		}
	}
	if (!in || !out) {
		fputs(usage, stderr);
		goto out;
	}
	render_opts opt = { 0 };
	opt.format = fmt ? format_from_name(fmt) : render_format_from_path(out);
	if (opt.format == RENDER__MAX) {
		fprintf(stderr, "zorgdoc render: say which format with --format pdf|png|svg|trace\n");
		goto out;
	}
	opt.device = RENDER_DEVICE_CAIRO;
	if (dev && strcmp(dev, "haru") == 0)
		opt.device = RENDER_DEVICE_HARU;
	else if (dev && strcmp(dev, "cairo") != 0) {
		fprintf(stderr, "zorgdoc render: --device is cairo or haru\n");
		goto out;
	}
	if ((pwfile || natt > 0) && opt.format != RENDER_PDF) {
		fprintf(stderr, "zorgdoc render: --password-file and --attach need a PDF\n");
		goto out;
	}
	status = EXIT_INPUT;
	char *password = NULL;
	if (pwfile && !(password = read_password(pwfile, d)))
		goto out;
	opt.password = password;
	opt.attachments = att;
	opt.nattachments = natt;

	if (audit && layout_audit_get() == LAYOUT_AUDIT_OFF)
		layout_audit_set(LAYOUT_AUDIT_WARN);
	size_t findings_before = layout_audit_count();
	doc_document *doc = doc_load(in, d);
	dl_doc *dl = doc ? layout_run(doc, d) : NULL;
	if (dl) {
		if (opt.format == RENDER_TRACE) {
			/* directly: render.c references trace_write only weakly,
			 * which does not pull trace.o out of the archive */
			buf b = BUF_INIT;
			trace_write(dl, &b);
			if (fsio_write_file(out, buf_str(&b), b.len, FSIO_REPLACE, d) == 0)
				status = EXIT_OK;
			buf_free(&b);
		} else if (render_write(dl, &opt, out, d) == 0) {
			status = EXIT_OK;
		}
	}
	if (audit && status == EXIT_OK && layout_audit_count() > findings_before)
		status = EXIT_INPUT;
	dl_doc_free(dl);
	doc_free(doc);
	if (password) {
		memset(password, 0, strlen(password));
		free(password);
	}
out:
	free(att);
	return status;
}
