/* diff — `zorgdoc diff OLD.xml NEW.xml [--xml] [--locale nl|en]`: what
 * changed between two versions of a practice model, in words a therapist
 * understands (templates/changes-text.xsl, diff.* strings), or as the
 * change list XML (urn:zorgdoc:changes:1) that regen hands to the privacy
 * statement. Both files are loaded and checked first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "../base/buf.h"
#include "../modeldiff/modeldiff.h"
#include "../practice/practice.h"
#include "../xform/xform.h"
#include "cmd.h"

static const char usage[] =
    "usage: zorgdoc diff OLD.xml NEW.xml [--xml] [--locale nl|en]\n"
    "\n"
    "Shows what changed between two versions of a practice file: processors,\n"
    "purposes, legal bases, data, retention, sharing, cookies, transfers\n"
    "outside the EEA, security measures and more, added, removed or changed.\n"
    "Changes the clients must be told about are marked as material.\n"
    "\n"
    "  --xml        print the change list as XML (urn:zorgdoc:changes:1)\n"
    "  --locale L   language of the text: nl (default) or en\n"
    "\n"
    "Exit status: 0 compared (with or without changes), 1 bad input,\n"
    "2 usage error.\n";

int
cmd_diff(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	const char *files[2] = { NULL, NULL }, *locale = "nl";
	int nfiles = 0, xml = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--xml") == 0) {
			xml = 1;
		} else if (strcmp(a, "--locale") == 0 && i + 1 < argc) {
			locale = argv[++i];
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "zorgdoc diff: unknown option or missing value '%s'\n%s", a, usage);
			return EXIT_USAGE;
		} else if (nfiles < 2) {
			files[nfiles++] = a;
		} else {
			fprintf(stderr, "zorgdoc diff: two practice files, old and new\n%s", usage);
			return EXIT_USAGE;
		}
	}
	if (nfiles != 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(locale, "nl") != 0 && strcmp(locale, "en") != 0) {
		fprintf(stderr, "zorgdoc diff: --locale must be nl or en\n");
		return EXIT_USAGE;
	}
	int status = EXIT_INPUT;
	practice *o = practice_load(files[0], d);
	practice *n = practice_load(files[1], d);
	xmlDocPtr ch = NULL;
	buf out = BUF_INIT;
	if (!o || !n)
		goto done;
	ch = modeldiff_run(practice_doc(o), practice_doc(n), d);
	if (!ch)
		goto done;
	if (xml) {
		xmlChar *mem = NULL;
		int len = 0;
		xmlDocDumpFormatMemoryEnc(ch, &mem, &len, "UTF-8", 1);
		fwrite(mem, 1, (size_t)len, stdout);
		xmlFree(mem);
	} else {
		const char *params[] = { "locale", locale, "address",
			practice_policy_get(n)->address ? practice_policy_get(n)->address : "u", NULL };
		if (xform_apply_to_buf("changes-text.xsl", ch, params, &out, d) != 0)
			goto done;
		fwrite(out.s ? out.s : "", 1, out.len, stdout);
	}
	status = EXIT_OK;
done:
	buf_free(&out);
	xmlFreeDoc(ch);
	practice_free(o);
	practice_free(n);
	return status;
}
