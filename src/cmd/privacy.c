/* privacy — `zorgdoc privacy PRACTICE.xml -o FILE [--locale nl|en]
 * [--fragment] [--format F]`: the practice's privacy statement
 * (privacyverklaring). Loads and checks the practice (refusing it with the
 * loader's errors), runs templates/privacy.xsl on it and writes the
 * document through docgen in the format the extension (or --format) names:
 * PDF, PNG, SVG, HTML, text or the document XML itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "../base/buf.h"
#include "../base/paths.h"
#include "../base/xmlsafe.h"
#include "../docgen/docgen.h"
#include "../practice/practice.h"
#include "../xform/xform.h"
#include "cmd.h"
#include "docout.h"

static const char usage[] =
    "usage: zorgdoc privacy PRACTICE.xml -o FILE [--locale nl|en] [--fragment]\n"
    "                       [--format pdf|png|svg|html|txt|xml] [--draft]\n"
    "\n"
    "Makes the privacy statement (privacyverklaring) of a practice: every item\n"
    "GDPR art. 13 and 14 ask, the WGBO dossier, the zorgnota, cookies and the\n"
    "rights, in the practice's form of address. The format follows the\n"
    "extension of FILE (.pdf .png .svg .html .txt .xml) unless --format says.\n"
    "\n"
    "  -o FILE        where to write (required)\n"
    "  --locale L     nl (default) or en\n"
    "  --fragment     HTML: only an <article> block, to paste into a website\n"
    "  --format F     the output format, whatever the extension\n"
    "  --draft        make it even when the practice has findings that block a\n"
    "                 final document (zorgdoc check: warnings), marked CONCEPT\n"
    "                 on every page (a banner in HTML, a first line in text)\n"
    "\n"
    "Exit status: 0 written, 1 the practice file has errors or blocking\n"
    "findings (nothing written), or the output failed, 2 usage error.\n";

int
cmd_privacy(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	const char *in = NULL, *out = NULL, *locale = "nl", *format = NULL;
	int fragment = 0, draft = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) {
			out = argv[++i];
		} else if (strcmp(a, "--locale") == 0 && i + 1 < argc) {
			locale = argv[++i];
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
			format = argv[++i];
		} else if (strcmp(a, "--fragment") == 0) {
			fragment = 1;
		} else if (strcmp(a, "--draft") == 0) {
			draft = 1;
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "zorgdoc privacy: unknown option or missing value '%s'\n%s", a, usage);
			return EXIT_USAGE;
		} else if (!in) {
			in = a;
		} else {
			fprintf(stderr, "zorgdoc privacy: one practice file only\n%s", usage);
			return EXIT_USAGE;
		}
	}
	if (!in || !out) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(locale, "nl") != 0 && strcmp(locale, "en") != 0) {
		fprintf(stderr, "zorgdoc privacy: --locale must be nl or en\n");
		return EXIT_USAGE;
	}
	docgen_format fmt = format ? docgen_format_from_name(format) : docgen_format_from_path(out);
	if (fmt == DOCGEN__MAX) {
		fprintf(stderr, "zorgdoc privacy: %s: unknown output format (use .pdf, .png, .svg, .html, .txt or .xml, or --format)\n",
		        format ? format : out);
		return EXIT_USAGE;
	}

	int status = EXIT_INPUT;
	xmlDocPtr doc = NULL;
	char *toc = NULL, *resdir = NULL;
	practice *p = practice_load(in, d);
	if (!p || docout_gate(p, "privacy", draft, d) != 0)
		goto out;
	const char *params[] = { "locale", locale, NULL };
	doc = xform_apply("privacy.xsl", practice_doc(p), params, d);
	if (!doc)
		goto out;
	if (draft) {
		const practice_policy *pol = practice_policy_get(p);
		if (docout_mark_draft(doc, locale, pol ? pol->address : NULL, d) != 0)
			goto out;
	}
	if (fmt == DOCGEN_HTML) {
		const practice_policy *pol = practice_policy_get(p);
		toc = xform_locale_string(locale, pol ? pol->address : NULL, "privacy.toc", d);
		if (!toc)
			goto out;
	}
	resdir = paths_dir_of(in);
	docgen_opts opt = {
		.format = fmt,
		.locale = locale,
		.html_fragment = fragment,
		.toc_title = toc,
		.resource_dir = resdir,
	};
	if (docgen_write(doc, &opt, out, d) == 0)
		status = EXIT_OK;
out:
	free(toc);
	free(resdir);
	xmlFreeDoc(doc);
	practice_free(p);
	return status;
}
