/* regen — `zorgdoc regen PRACTICE.xml -o DIR [--bump] [--notify] ...`:
 * remakes every document of the practice that a change touches, keeps
 * the previous versions in DIR/archive/, and with --notify writes the
 * letters to the clients who must be told (src/regen/). What was rebuilt
 * and why goes to stdout, progress to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../regen/regen.h"
#include "cmd.h"
#include "storecmd.h"

static const char usage[] =
    "usage: zorgdoc regen PRACTICE.xml -o DIR [--locale nl|en] [--bump [--effective DATE]]\n"
    "                     [--dry-run] [--notify [--db FILE]]\n"
    "\n"
    "Makes every document of the practice in DIR: the privacy statement (PDF,\n"
    "HTML, text), one processor agreement per processor and the register of\n"
    "processing (when their templates are installed). DIR/manifest.tsv records\n"
    "what each was made from; a later run rebuilds only what a change touches\n"
    "and says why. Each published version is kept in DIR/archive/VERSION/.\n"
    "\n"
    "  -o DIR          the output directory (required)\n"
    "  --locale L      nl (default) or en; one locale per directory\n"
    "  --bump          the practice changed but policy/@version did not: raise\n"
    "                  the version (2023.10 -> 2023.11, 1.9 -> 1.10) and write it,\n"
    "                  with the effective date, into PRACTICE.xml\n"
    "  --effective D   with --bump: the new effective date (default today)\n"
    "  --dry-run       say what would be rebuilt and why; write nothing\n"
    "  --notify        list the clients who received or signed an earlier version\n"
    "                  (dossier store) and write a letter per client saying what\n"
    "                  changed, and all letters in one PDF, in DIR/notify/VERSION/\n"
    "                  (each letter is an audit entry 'notify' about its client;\n"
    "                  an erased client is not written to)\n"
    "  --db FILE       the store for --notify (default $ZORGDOC_DB, ./dossier.db)\n"
    "\n"
    "Exit status: 0 ok, 1 bad input or failed output (the previous set is left\n"
    "as it was), 2 usage error, 3 store error.\n";

static void
say(void *ud, int progress, const char *line)
{
	(void)ud;
	FILE *fp = progress ? stderr : stdout;
	fprintf(fp, "%s\n", line);
	fflush(fp);
}

int
cmd_regen(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	regen_opts o = { .locale = "nl", .say = say };
	const char *db = NULL;
	int notify = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			slot = &o.outdir;
		else if (strcmp(a, "--locale") == 0)
			slot = &o.locale;
		else if (strcmp(a, "--effective") == 0)
			slot = &o.effective;
		else if (strcmp(a, "--db") == 0)
			slot = &db;
		else if (strcmp(a, "--bump") == 0)
			o.bump = 1;
		else if (strcmp(a, "--dry-run") == 0)
			o.dry_run = 1;
		else if (strcmp(a, "--notify") == 0)
			notify = 1;
		else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "zorgdoc regen: unknown option '%s'\n%s", a, usage);
			return EXIT_USAGE;
		} else if (!o.practice) {
			o.practice = a;
		} else {
			fprintf(stderr, "zorgdoc regen: one practice file at a time\n%s", usage);
			return EXIT_USAGE;
		}
		if (slot) {
			if (i + 1 >= argc) {
				fprintf(stderr, "zorgdoc regen: option '%s' needs a value\n%s", a, usage);
				return EXIT_USAGE;
			}
			*slot = argv[++i];
		}
	}
	if (!o.practice || !o.outdir) {
		fprintf(stderr, "zorgdoc regen: a practice file and -o DIR are needed\n%s", usage);
		return EXIT_USAGE;
	}
	if (strcmp(o.locale, "nl") != 0 && strcmp(o.locale, "en") != 0) {
		fprintf(stderr, "zorgdoc regen: --locale must be nl or en\n");
		return EXIT_USAGE;
	}
	if (o.effective && !o.bump) {
		fprintf(stderr, "zorgdoc regen: --effective goes with --bump\n");
		return EXIT_USAGE;
	}
	if (o.effective && (strlen(o.effective) != 10 || o.effective[4] != '-' || o.effective[7] != '-')) {
		fprintf(stderr, "zorgdoc regen: --effective needs a date YYYY-MM-DD\n");
		return EXIT_USAGE;
	}
	if (db && !notify) {
		fprintf(stderr, "zorgdoc regen: --db goes with --notify\n");
		return EXIT_USAGE;
	}
	store *s = NULL;
	if (notify && !o.dry_run) {
		s = cmd_store_open(db, d);
		if (!s)
			return EXIT_STORE;
		o.notify_store = s;
	}
	regen_result r;
	int rc = regen_run(&o, &r, d);
	int store_failed = r.store_failed;
	regen_result_free(&r);
	store_free(s);
	return rc == 0 ? EXIT_OK : store_failed ? EXIT_STORE : EXIT_INPUT;
}
