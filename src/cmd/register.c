/* register — `zorgdoc register PRACTICE.xml -o FILE`: the register of
 * processing activities (GDPR art. 30(1); art. 30(2) too when the
 * practice also acts as a processor) from templates/register.xsl, one
 * table per purpose, from the same model elements as the privacy
 * statement and the processor agreements. Output through docgen; the
 * format follows the extension of FILE. */
#include <stdio.h>
#include <string.h>

#include "../practice/practice.h"
#include "cmd.h"
#include "docout.h"

static const char usage[] =
    "usage: zorgdoc register [--locale LL] [--draft] PRACTICE.xml -o FILE\n"
    "\n"
    "Makes the register of processing activities (GDPR art. 30): per purpose\n"
    "the controller, legal basis, data subjects, data, recipients, transfers,\n"
    "retention and security measures, then the processors, the other\n"
    "recipients and the security measures.\n"
    "\n"
    "  -o FILE       output file; the format follows the extension (.pdf .html\n"
    "                .txt .xml .png .svg)\n"
    "  --locale LL   language: nl (default) or en\n"
    "  --draft       make it even when the practice has findings that block a\n"
    "                final document (zorgdoc check: warnings), marked CONCEPT\n"
    "                on every page\n"
    "\n"
    "Exit status: 0 ok, 1 bad input, blocking findings (nothing written) or\n"
    "failed output, 2 usage error.\n";

int
cmd_register(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	const char *file = NULL, *out = NULL, *locale = "nl";
	int draft = 0;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char **slot = NULL;
		if (strcmp(o, "--draft") == 0) {
			draft = 1;
			continue;
		} else if (strcmp(o, "-o") == 0 || strcmp(o, "--output") == 0) {
			slot = &out;
		} else if (strcmp(o, "--locale") == 0) {
			slot = &locale;
		} else if (o[0] == '-' && o[1] != '\0') {
			fprintf(stderr, "zorgdoc register: unknown option '%s'\n%s", o, usage);
			return EXIT_USAGE;
		} else if (!file) {
			file = o;
			continue;
		} else {
			fprintf(stderr, "zorgdoc register: one practice file at a time\n%s", usage);
			return EXIT_USAGE;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "zorgdoc register: option '%s' needs a value\n%s", o, usage);
			return EXIT_USAGE;
		}
		*slot = argv[++i];
	}
	if (!file || !out) {
		fprintf(stderr, "zorgdoc register: a practice file and -o are needed\n%s", usage);
		return EXIT_USAGE;
	}
	if (!docout_locale_ok(locale)) {
		fprintf(stderr, "zorgdoc register: no locale '%s' (use nl or en)\n", locale);
		return EXIT_USAGE;
	}
	practice *p = practice_load(file, d);
	if (!p)
		return EXIT_INPUT;
	int status = EXIT_OK;
	const practice_policy *pol = practice_policy_get(p);
	xmlDocPtr doc = NULL;
	if (docout_gate(p, "register", draft, d) != 0 ||
	    !(doc = docout_transform(p, "register.xsl", locale, NULL, d)) ||
	    (draft && docout_mark_draft(doc, locale, pol ? pol->address : NULL, d) != 0) ||
	    docout_write(p, doc, locale, "register.toc", DOCGEN__MAX, out, d) != 0)
		status = EXIT_INPUT;
	xmlFreeDoc(doc);
	practice_free(p);
	return status;
}
