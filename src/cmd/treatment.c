/* treatment — `zorgdoc treatment add|list|show|tariffs`: the treatments
 * (consulten) of clients. Prestatiecode, description, amount and VAT
 * come from the practice's tariff (looked up in billing.c) and are
 * copied into the treatment, so a later tariff change does not change a
 * recorded treatment. Clinical notes go to their own table and are shown
 * only by `treatment show`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../store/check.h"
#include "cmd.h"
#include "storecmd.h"
#include "../store/rights.h"

static const char usage[] =
    "usage: zorgdoc treatment add --client ID --date DATE --tariff TARIFF\n"
    "                             [--duration MINUTES] [--amount EUR] [--note TEXT]\n"
    "                             --practice FILE [--db FILE]\n"
    "       zorgdoc treatment list [--client ID] [--period YYYY-MM] [--uninvoiced] [--db FILE]\n"
    "       zorgdoc treatment show ID [--db FILE]\n"
    "       zorgdoc treatment tariffs --practice FILE\n"
    "\n"
    "Treatments of clients. add takes prestatiecode, description, amount and\n"
    "VAT from the practice's tariff and prints the new treatment's id;\n"
    "--amount (85,00 or 85.00) overrides the tariff's amount, --duration its\n"
    "minutes. The note is a clinical note: it is kept apart from what goes on\n"
    "invoices and shown only by `treatment show`. list prints id, client,\n"
    "date, tariff, prestatiecode, amount and invoice number (or -), tab-\n"
    "separated; tariffs lists the practice's tariffs.\n"
    "\n"
    "  --practice FILE   the practice (default $ZORGDOC_PRACTICE)\n"
    "  --db FILE         the store (default $ZORGDOC_DB, else ./dossier.db)\n"
    "\n"
    "Exit status: 0 ok, 1 bad input, 2 usage, 3 store error.\n";

enum { O_DB, O_PRACTICE, O_CLIENT, O_DATE, O_TARIFF, O_DURATION, O_AMOUNT, O_NOTE,
	O_PERIOD, O_UNINVOICED, O__MAX };

static int
print_row(void *ud, const store_treatment *t)
{
	(void)ud;
	char amount[32];
	check_format_cents(t->amount_cents, amount);
	printf("%lld\t%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)t->id, (long long)t->client_id,
	    t->date, t->tariff_id, t->prestatiecode ? t->prestatiecode : "-", amount,
	    t->invoice_number ? t->invoice_number : "-");
	return 0;
}

static int
add(store *s, const billing *b, cmd_opt *o, diag *d)
{
	store_treatment t = { 0 };
	int64_t id;
	if (!o[O_CLIENT].value || check_id(o[O_CLIENT].value, &t.client_id) != 0)
		return diag_error(d, NULL, 0, 0, "treatment add needs --client ID"), STORE_EINPUT;
	if (!o[O_DATE].value || !check_date(o[O_DATE].value))
		return diag_error(d, NULL, 0, 0, "treatment add needs --date YYYY-MM-DD "
		    "(a real date)"), STORE_EINPUT;
	snprintf(t.date, sizeof t.date, "%s", o[O_DATE].value);
	if (!o[O_TARIFF].value)
		return diag_error(d, NULL, 0, 0, "treatment add needs --tariff ID "
		    "(see 'zorgdoc treatment tariffs')"), STORE_EINPUT;
	const store_tariff *tf = billing_tariff(b, o[O_TARIFF].value);
	if (!tf)
		return diag_error(d, billing_practice(b)->source, 0, 0, "no tariff '%s' in the "
		    "practice file", o[O_TARIFF].value), STORE_EINPUT;
	t.tariff_id = (char *)tf->id;
	t.prestatiecode = (char *)tf->prestatiecode;
	t.description = (char *)tf->description;
	t.amount_cents = tf->amount_cents;
	t.vat = tf->vat;
	t.duration_min = tf->minutes;
	if (o[O_AMOUNT].value && check_amount(o[O_AMOUNT].value, CHECK_MAX_CENTS,
	    &t.amount_cents) != 0)
		return diag_error(d, NULL, 0, 0, "--amount must be like 85,00 or 85.00 "
		    "(at most 100000,00)"), STORE_EINPUT;
	int64_t minutes;
	if (o[O_DURATION].value) {
		if (check_id(o[O_DURATION].value, &minutes) != 0 || minutes > 1440)
			return diag_error(d, NULL, 0, 0, "--duration must be minutes (1 to 1440)"),
			    STORE_EINPUT;
		t.duration_min = (int)minutes;
	}
	t.note = (char *)o[O_NOTE].value;
	int rc;
	if ((rc = store_begin(s, d)) == STORE_OK &&
	    (rc = store_treatment_add(s, &t, &id, d)) == STORE_OK &&
	    (rc = store_commit(s, d)) == STORE_OK)
		printf("%lld\n", (long long)id);
	return rc;
}

int
cmd_treatment(int argc, char **argv, diag *d)
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
		[O_PRACTICE] = { .name = "practice", .takes_value = 1 },
		[O_CLIENT] = { .name = "client", .takes_value = 1 },
		[O_DATE] = { .name = "date", .takes_value = 1 },
		[O_TARIFF] = { .name = "tariff", .takes_value = 1 },
		[O_DURATION] = { .name = "duration", .takes_value = 1 },
		[O_AMOUNT] = { .name = "amount", .takes_value = 1 },
		[O_NOTE] = { .name = "note", .takes_value = 1 },
		[O_PERIOD] = { .name = "period", .takes_value = 1 },
		[O_UNINVOICED] = { .name = "uninvoiced" },
	};
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE, rc;
	store *s = NULL;
	billing *b = NULL;
	if (cmd_opts_parse(argc, argv, 2, o, O__MAX, &pos, &npos, d) != 0)
		goto out;
	if (strcmp(sub, "tariffs") == 0) {
		if (!(b = cmd_billing_load(o[O_PRACTICE].value, d))) {
			status = EXIT_INPUT;
			goto out;
		}
		for (size_t i = 0; i < billing_tariff_count(b); i++) {
			const store_tariff *t = billing_tariff_at(b, i);
			char amount[32];
			check_format_cents(t->amount_cents, amount);
			printf("%s\t%s\t%s\t%s\t%s\n", t->id, t->prestatiecode ? t->prestatiecode : "-",
			    amount, store_vat_name(t->vat), t->description ? t->description : "");
		}
		status = EXIT_OK;
		goto out;
	}
	if (strcmp(sub, "add") == 0) {
		if (npos) {
			diag_error(d, NULL, 0, 0, "treatment add takes only options");
			goto out;
		}
		if (!(b = cmd_billing_load(o[O_PRACTICE].value, d))) {
			status = EXIT_INPUT;
			goto out;
		}
		if (!(s = cmd_store_open(o[O_DB].value, d))) {
			status = EXIT_STORE;
			goto out;
		}
		status = cmd_store_exit(add(s, b, o, d));
	} else if (strcmp(sub, "list") == 0) {
		store_treatment_filter f = { 0, o[O_PERIOD].value, o[O_UNINVOICED].value != NULL };
		if (npos || (o[O_CLIENT].value && check_id(o[O_CLIENT].value, &f.client_id) != 0) ||
		    (f.period && !check_period(f.period))) {
			diag_error(d, NULL, 0, 0, "treatment list takes --client ID, --period YYYY-MM "
			    "and --uninvoiced");
			goto out;
		}
		if (!(s = cmd_store_open(o[O_DB].value, d))) {
			status = EXIT_STORE;
			goto out;
		}
		rc = store_audit_read(s, "list", "treatment", 0, f.client_id, NULL, d);
		if (rc == STORE_OK)
			rc = store_treatment_each(s, &f, print_row, NULL, d);
		status = cmd_store_exit(rc);
	} else if (strcmp(sub, "show") == 0) {
		int64_t id;
		if (npos != 1 || check_id(pos[0], &id) != 0) {
			diag_error(d, NULL, 0, 0, "treatment show needs one treatment id");
			goto out;
		}
		if (!(s = cmd_store_open(o[O_DB].value, d))) {
			status = EXIT_STORE;
			goto out;
		}
		store_treatment *t;
		rc = store_treatment_load(s, id, &t, d);
		if (rc == STORE_OK && (rc = store_audit_read(s, "read", "treatment", id,
		    t->client_id, NULL, d)) != STORE_OK)
			store_treatment_free(t);
		if (rc == STORE_OK) {
			char amount[32];
			check_format_cents(t->amount_cents, amount);
			printf("id: %lld\nclient: %lld\ndate: %s\n", (long long)t->id,
			    (long long)t->client_id, t->date);
			if (t->duration_min)
				printf("duration: %d\n", t->duration_min);
			printf("tariff: %s\nprestatiecode: %s\ndescription: %s\namount: %s\nvat: %s\n",
			    t->tariff_id, t->prestatiecode ? t->prestatiecode : "-",
			    t->description ? t->description : "-", amount, store_vat_name(t->vat));
			printf("invoice: %s\n", t->invoice_number ? t->invoice_number : "-");
			if (t->note)
				printf("note: %s\n", t->note);
			store_treatment_free(t);
		}
		status = cmd_store_exit(rc);
	} else {
		diag_error(d, NULL, 0, 0, "'treatment %s' is not a command; see "
		    "'zorgdoc treatment --help'", sub);
	}
out:
	billing_free(b);
	store_free(s);
	cmd_opts_free(o, O__MAX, pos);
	return status;
}
