/* audit — `zorgdoc audit [--client ID] [--since DATE] [--action A]
 * [--csv]`: shows the audit log (time, user, action, record, client,
 * detail — never content). Reading the log is itself logged. There is no
 * way to change the log through zorgdoc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/check.h"
#include "cmd.h"
#include "rightscmd.h"
#include "storecmd.h"

static const char usage[] =
    "usage: zorgdoc audit [--client ID] [--since DATE] [--action ACTION] [--csv] [--db FILE]\n"
    "\n"
    "Shows the audit log of the dossier store: every read and change of a\n"
    "client's data, with the time (UTC), the user ($ZORGDOC_USER, else the\n"
    "login name), the action, the record and the client it concerns - never\n"
    "the content. Actions include add, edit, issue, credit, generate, read,\n"
    "list, render, export, erase, purge. Reading the log is logged too.\n"
    "\n"
    "  --client ID       only entries about this client (also their treatments,\n"
    "                    invoices, consents and documents)\n"
    "  --since DATE      only entries from DATE (YYYY-MM-DD, UTC) on\n"
    "  --action ACTION   only this action\n"
    "  --csv             comma-separated with a header, for a spreadsheet\n"
    "  --db FILE         the store (default $ZORGDOC_DB, else ./dossier.db)\n"
    "\n"
    "Exit status: 0 ok, 1 bad input, 2 usage, 3 store error.\n";

enum { O_DB, O_CLIENT, O_SINCE, O_ACTION, O_CSV, O__MAX };

static void
csv_field(const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static int
print_row(void *ud, const store_audit_row *r)
{
	int csv = *(int *)ud;
	char rec[32] = "-", client[32] = "-";
	if (r->record_id)
		snprintf(rec, sizeof rec, "%lld", (long long)r->record_id);
	if (r->client_id)
		snprintf(client, sizeof client, "%lld", (long long)r->client_id);
	if (csv) {
		const char *f[] = { r->at, r->user, r->action, r->entity, r->record_id ? rec : "",
			r->client_id ? client : "", r->detail ? r->detail : "" };
		printf("%lld", (long long)r->id);
		for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
			putchar(',');
			csv_field(f[k]);
		}
		putchar('\n');
	} else {
		printf("%-6lld %-20s %-12s %-10s %-10s %-7s %-7s %s\n", (long long)r->id, r->at,
		    r->user, r->action, r->entity, rec, client, r->detail ? r->detail : "");
	}
	return 0;
}

int
cmd_audit(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	cmd_opt o[O__MAX] = {
		[O_DB] = { .name = "db", .takes_value = 1 },
		[O_CLIENT] = { .name = "client", .takes_value = 1 },
		[O_SINCE] = { .name = "since", .takes_value = 1 },
		[O_ACTION] = { .name = "action", .takes_value = 1 },
		[O_CSV] = { .name = "csv" },
	};
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE, rc;
	store *s = NULL;
	if (cmd_opts_parse(argc, argv, 1, o, O__MAX, &pos, &npos, d) != 0)
		goto out;
	if (npos) {
		diag_error(d, NULL, 0, 0, "audit takes only options; see 'zorgdoc audit --help'");
		goto out;
	}
	store_audit_filter f = { 0, o[O_SINCE].value, o[O_ACTION].value };
	if (o[O_CLIENT].value && check_id(o[O_CLIENT].value, &f.client_id) != 0) {
		diag_error(d, NULL, 0, 0, "--client must be a client id (a positive number)");
		goto out;
	}
	if (f.since && !check_date(f.since)) {
		diag_error(d, NULL, 0, 0, "--since must be a real date YYYY-MM-DD");
		goto out;
	}
	if (f.action && (check_text(f.action, 32) || strspn(f.action,
	    "abcdefghijklmnopqrstuvwxyz-") != strlen(f.action))) {
		diag_error(d, NULL, 0, 0, "--action must be an action name such as read or edit");
		goto out;
	}
	if (!(s = cmd_store_open(o[O_DB].value, d))) {
		status = EXIT_STORE;
		goto out;
	}
	char detail[96];
	snprintf(detail, sizeof detail, "%s%s%s", o[O_CLIENT].value ? "client filter" : "",
	    o[O_CLIENT].value && (f.since || f.action) ? ", " : "",
	    f.since || f.action ? "date/action filter" : "");
	if ((rc = store_audit_read(s, "read", "audit", 0, f.client_id, *detail ? detail : NULL, d))
	    == STORE_OK) {
		int csv = o[O_CSV].value != NULL;
		if (csv)
			puts("id,at,user,action,entity,record,client,detail");
		else
			printf("%-6s %-20s %-12s %-10s %-10s %-7s %-7s %s\n", "id", "at (UTC)", "user",
			    "action", "entity", "record", "client", "detail");
		rc = store_audit_query(s, &f, print_row, &csv, d);
	}
	status = cmd_store_exit(rc);
out:
	store_free(s);
	cmd_opts_free(o, O__MAX, pos);
	return status;
}
