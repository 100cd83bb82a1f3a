/* main — zorgdoc's entry point: picks the subcommand from the table below,
 * sets up the hardened XML layer, runs the command and prints whatever
 * diagnostics it collected. This is the only place that prints errors. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/paths.h"
#include "base/xmlsafe.h"
#include "cmd/cmd.h"
#include "xform/xform.h"

static const cmd_entry commands[] = {
	{ "version", cmd_version, "print the version" },
	{ "check", cmd_check, "check practice files: schema, meaning and the law" },
	{ "render", cmd_render, "set a document as pages: PDF, PNG, SVG or a trace" },
	{ "client", cmd_client, "add, list, show and edit clients in the dossier store" },
	{ "treatment", cmd_treatment, "record and list treatments" },
	{ "import", cmd_import, "import clients and treatments from CSV files" },
	{ "invoice", cmd_invoice, "issue, credit, list and show invoices (zorgnota's)" },
	{ "consent", cmd_consent, "record and list clients' consents" },
	{ "privacy", cmd_privacy, "make the privacy statement (PDF, HTML, text)" },
	{ "dpa", cmd_dpa, "make processor agreements (verwerkersovereenkomsten)" },
	{ "register", cmd_register, "make the register of processing activities (art. 30)" },
	{ "diff", cmd_diff, "what changed between two versions of a practice file" },
	{ "regen", cmd_regen, "remake every document a practice change touches; archive, notify" },
	{ "retention", cmd_retention, "list and purge what is past its retention term" },
	{ "audit", cmd_audit, "show the audit log of reads and changes" },
	{ "breach", cmd_breach, "the register of data breaches (add, amend, list)" },
	{ "store", cmd_store, "the store itself: backup, check, rekey, encrypt" },
};

static void
usage(FILE *fp)
{
	fputs("usage: zorgdoc COMMAND [ARGS...]\n"
	      "\n"
	      "Makes the privacy statement, processor agreements and zorgnota's of a\n"
	      "care practice from one description of it (practice.xml).\n"
	      "\n"
	      "Commands:\n", fp);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "'zorgdoc COMMAND --help' tells more about each command.\n"
	      "\n"
	      "The dossier store is encrypted: its passphrase comes from\n"
	      "--passphrase-file FILE (any command), $ZORGDOC_PASSPHRASE, or a prompt.\n"
	      "\n"
	      "Exit status: 0 ok, 1 bad input or failed output, 2 usage error,\n"
	      "3 dossier store error.\n", fp);
}

int
main(int argc, char **argv)
{
	/* --passphrase-file FILE may stand anywhere before "--": it is the
	 * store's, whatever the command. */
	diag pd = DIAG_INIT;
	cmd_passphrase_install();
	if (cmd_passphrase_args(&argc, argv, &pd) != 0) {
		diag_print(&pd, stderr);
		diag_free(&pd);
		return EXIT_USAGE;
	}
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0)
		argv[1] = "version";
	const cmd_entry *cmd = NULL;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			cmd = &commands[i];
	if (!cmd) {
		fprintf(stderr, "zorgdoc: '%s' is not a command; see 'zorgdoc --help'\n", argv[1]);
		return EXIT_USAGE;
	}
	/* A file-size limit (ulimit -f) must fail the write with EFBIG, which
	 * the atomic writer and SQLite turn into a clear error and a removed
	 * temp file, instead of killing the process half-way with SIGXFSZ. */
	signal(SIGXFSZ, SIG_IGN);
	diag d = DIAG_INIT;
	int status;
	if (xmlsafe_init(paths_datadir(), &d) != 0) {
		status = EXIT_INPUT;
	} else {
		status = cmd->fn(argc - 1, argv + 1, &d);
	}
	diag_print(&d, stderr);
	if (status == EXIT_OK && d.nerrors > 0)
		status = EXIT_INPUT;
	diag_free(&d);
	xform_cleanup();
	xmlsafe_cleanup();
	return status;
}
