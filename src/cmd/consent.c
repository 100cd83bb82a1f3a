/* consent — `zorgdoc consent add|list`: what a client (or a parent or
 * guardian) consented to, when, and which version of which document they
 * were shown — the record the AVG and WGBO ask a practice to keep. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/check.h"
#include "cmd.h"
#include "storecmd.h"
#include "../store/rights.h"

static const char usage[] =
    "usage: zorgdoc consent add --client ID --what TEXT --by NAME [--date DATE]\n"
    "                           [--document KIND] [--version VERSION] [--db FILE]\n"
    "       zorgdoc consent list [--client ID] [--db FILE]\n"
    "\n"
    "Consents of clients: what was consented to (--what, e.g. \"opvragen gegevens\n"
    "bij de huisarts\"), by whom (--by: the client, or a parent or guardian),\n"
    "when (--date, default today), and the document and its version the\n"
    "client was shown (--document privacyverklaring --version 2023.10).\n"
    "add prints the new consent's id; list prints id, client, date, document,\n"
    "version, by whom and what.\n"
    "\n"
    "  --db FILE   the store (default $ZORGDOC_DB, else ./dossier.db)\n"
    "\n"
    "Exit status: 0 ok, 1 bad input, 2 usage, 3 store error.\n";

enum { O_DB, O_CLIENT, O_WHAT, O_BY, O_DATE, O_DOCUMENT, O_VERSION, O__MAX };

static int
print_row(void *ud, const store_consent *c)
{
	(void)ud;
	printf("%lld\t%lld\t%s\t%s\t%s\t%s\t%s%s%s\n", (long long)c->id, (long long)c->client_id,
	    c->date, c->document_kind ? c->document_kind : "-",
	    c->document_version ? c->document_version : "-", c->given_by, c->what,
	    c->withdrawn ? "\twithdrawn " : "", c->withdrawn ? c->withdrawn : "");
	return 0;
}

int
cmd_consent(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	const char *sub = argv[1];
	cmd_opt o[O__MAX] = {
		[O_DB] = { .name = "db", .takes_value = 1 },
		[O_CLIENT] = { .name = "client", .takes_value = 1 },
		[O_WHAT] = { .name = "what", .takes_value = 1 },
		[O_BY] = { .name = "by", .takes_value = 1 },
		[O_DATE] = { .name = "date", .takes_value = 1 },
		[O_DOCUMENT] = { .name = "document", .takes_value = 1 },
		[O_VERSION] = { .name = "version", .takes_value = 1 },
	};
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE, rc;
	store *s = NULL;
	if (cmd_opts_parse(argc, argv, 2, o, O__MAX, &pos, &npos, d) != 0)
		goto out;
	int add = strcmp(sub, "add") == 0, list = strcmp(sub, "list") == 0;
	if (!add && !list) {
		diag_error(d, NULL, 0, 0, "'consent %s' is not a command; see "
		    "'zorgdoc consent --help'", sub);
		goto out;
	}
	int64_t client_id = 0;
	if (npos || (add && !o[O_CLIENT].value) ||
	    (o[O_CLIENT].value && check_id(o[O_CLIENT].value, &client_id) != 0)) {
		diag_error(d, NULL, 0, 0, "consent %s needs --client ID%s", sub,
		    add ? ", --what and --by" : "");
		goto out;
	}
	if (add && (!o[O_WHAT].value || !o[O_BY].value)) {
		diag_error(d, NULL, 0, 0, "consent add needs --what TEXT and --by NAME");
		goto out;
	}
	if (!(s = cmd_store_open(o[O_DB].value, d))) {
		status = EXIT_STORE;
		goto out;
	}
	if (add) {
		char today[11];
		check_today(today);
		store_consent c = { 0, client_id, o[O_WHAT].value, o[O_BY].value,
			o[O_DATE].value ? o[O_DATE].value : today, o[O_DOCUMENT].value,
			o[O_VERSION].value, NULL };
		int64_t id;
		if ((rc = store_begin(s, d)) == STORE_OK &&
		    (rc = store_consent_add(s, &c, &id, d)) == STORE_OK &&
		    (rc = store_commit(s, d)) == STORE_OK)
			printf("%lld\n", (long long)id);
	} else {
		rc = store_audit_read(s, "list", "consent", 0, client_id, NULL, d);
		if (rc == STORE_OK)
			rc = store_consent_each(s, client_id, print_row, NULL, d);
	}
	status = cmd_store_exit(rc);
out:
	store_free(s);
	cmd_opts_free(o, O__MAX, pos);
	return status;
}
