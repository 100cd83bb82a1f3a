/* check — `zorgdoc check [--strict] PRACTICE.xml...`: loads each practice
 * file (safe parse, schema, semantic checks) and lints it against the law.
 * Errors make the exit status 1; legal warnings (findings that block a
 * final document) do not unless --strict; notes (advice) never do.
 * All problems of all files are reported at once, sorted per file. */
#include <stdio.h>
#include <string.h>

#include "../practice/practice.h"
#include "cmd.h"

static const char usage[] =
    "usage: zorgdoc check [--strict] PRACTICE.xml...\n"
    "\n"
    "Checks practice files: safe parsing (no DOCTYPE, no entities, size and\n"
    "depth limits), the schema (schema/practice.rng), meaning (unique ids,\n"
    "references, real dates, IBAN, KvK, AGB, postcodes, e-mail addresses)\n"
    "and the law (legal lint: retention, legal bases, processors, cookies,\n"
    "rights). Problems are printed as file:line:col: severity: field: message,\n"
    "each saying what to change:\n"
    "  error     the file cannot be used\n"
    "  warning   a legal finding that blocks a final document: privacy, dpa,\n"
    "            register and regen refuse until it is fixed (--draft makes a\n"
    "            document marked CONCEPT)\n"
    "  note      advice: the documents are lawful without it\n"
    "\n"
    "  --strict   treat warnings as errors (notes stay notes)\n"
    "\n"
    "Exit status: 0 every file is valid (warnings and notes may be printed),\n"
    "1 a file has errors (or warnings with --strict), 2 usage error.\n";

int
cmd_check(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	int strict = 0, first = 1, nfiles = 0;
	for (; first < argc; first++) {
		if (strcmp(argv[first], "--strict") == 0) {
			strict = 1;
		} else if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		} else if (argv[first][0] == '-' && argv[first][1] != '\0') {
			fprintf(stderr, "zorgdoc check: unknown option '%s'\n%s", argv[first], usage);
			return EXIT_USAGE;
		} else {
			break;
		}
	}
	nfiles = argc - first;
	if (nfiles == 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	int status = EXIT_OK;
	for (int i = first; i < argc; i++) {
		diag one = DIAG_INIT;
		practice *p = practice_load(argv[i], &one);
		if (p) {
			practice_lint(p, &one);
			practice_free(p);
		}
		if (strict)
			diag_promote_warnings(&one);
		diag_sort(&one);
		if (one.nerrors > 0)
			status = EXIT_INPUT;
		else
			printf("%s: ok%s\n", argv[i], one.nwarnings ? " (with warnings)" :
			    one.n ? " (with notes)" : "");
		diag_move(d, &one);
	}
	return status;
}
