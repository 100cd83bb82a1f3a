/* invoice — `zorgdoc invoice create|batch|credit|list|show`: invoices
 * (zorgnota's) and credit notes as frozen records in the store. Each is
 * numbered and snapshotted in one transaction (src/store/invoice.c);
 * rendering to PDF works from the snapshot alone and hooks into the
 * batch's per-invoice callback (on_issued below). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../store/check.h"
#include "cmd.h"
#include "storecmd.h"

static const char usage[] =
    "usage: zorgdoc invoice create --client ID [--period YYYY-MM] [--date DATE]\n"
    "                              --practice FILE [--db FILE]\n"
    "       zorgdoc invoice batch --period YYYY-MM [--date DATE] --practice FILE [--db FILE]\n"
    "       zorgdoc invoice credit NUMBER [--date DATE] --practice FILE [--db FILE]\n"
    "       zorgdoc invoice list [--client ID] [--period YYYY-MM] [--db FILE]\n"
    "       zorgdoc invoice show NUMBER [--db FILE]\n"
    "\n"
    "Invoices (zorgnota's) and credit notes. An invoice is a record: its number\n"
    "(the practice's pattern, gapless per year) and a snapshot of the practice's\n"
    "and the client's data are committed together, and it never changes after.\n"
    "\n"
    "  create   one invoice for the client's uninvoiced treatments (in the period)\n"
    "  batch    one invoice per client with uninvoiced treatments in the period;\n"
    "           safe to rerun or run twice at once: no client is invoiced twice\n"
    "  credit   a credit note for invoice NUMBER (its own number, the lines\n"
    "           negated); the treatments can then be invoiced again\n"
    "  list     number, date, kind, client id, total, lines, credit reference\n"
    "  show     the invoice's snapshot (XML, urn:zorgdoc:invoice:1)\n"
    "\n"
    "Before numbering, every required field is checked (the practice's AGB\n"
    "codes, KvK, IBAN, association; the client's name, address and birth date;\n"
    "each treatment's prestatiecode and description): a refusal names the\n"
    "field and the record, and numbers nothing.\n"
    "\n"
    "  --date DATE       invoice date (default: today, or $SOURCE_DATE_EPOCH)\n"
    "  --practice FILE   the practice (default $ZORGDOC_PRACTICE)\n"
    "  --db FILE         the store (default $ZORGDOC_DB, else ./dossier.db)\n"
    "\n"
    "Exit status: 0 ok, 1 bad input or refused, 2 usage, 3 store error.\n";

enum { O_DB, O_PRACTICE, O_CLIENT, O_PERIOD, O_DATE, O__MAX };

typedef struct {
	int progress;
	struct timespec start;
} batch_ui;

static double
since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Called after each commit for every invoice it held. PDF rendering
 * (invoice batch -o DIR) belongs here: from the committed snapshot, so
 * a killed batch leaves every number re-renderable. */
static int
on_issued(void *ud, const char *number, int64_t client_id, size_t done, size_t total)
{
	batch_ui *ui = ud;
	(void)client_id;
	printf("%s\n", number);
	if (ui->progress) {
		double el = since(&ui->start);
		double rate = el > 0 ? (double)done / el : 0;
		double left = rate > 0 ? (double)(total - done) / rate : 0;
		fprintf(stderr, "\rinvoice batch: %zu/%zu  %.0f/s  %.0f s left ", done, total, rate,
		    left);
		fflush(stderr);
	}
	return 0;
}

static int
print_invoice(void *ud, const store_invoice *inv)
{
	(void)ud;
	char total[32];
	check_format_cents(inv->total_cents, total);
	printf("%s\t%s\t%s\t%lld\t%s\t%d", inv->number, inv->date, inv->kind,
	    (long long)inv->client_id, total, inv->nlines);
	if (inv->credits)
		printf("\tcredits %s", inv->credits);
	else if (inv->credited_by)
		printf("\tcredited by %s", inv->credited_by);
	putchar('\n');
	return 0;
}

int
cmd_invoice(int argc, char **argv, diag *d)
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
		[O_PERIOD] = { .name = "period", .takes_value = 1 },
		[O_DATE] = { .name = "date", .takes_value = 1 },
	};
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE, rc = STORE_OK;
	store *s = NULL;
	billing *b = NULL;
	char today[11];
	char *number = NULL;
	if (cmd_opts_parse(argc, argv, 2, o, O__MAX, &pos, &npos, d) != 0)
		goto out;
	int create = strcmp(sub, "create") == 0, batch = strcmp(sub, "batch") == 0;
	int credit = strcmp(sub, "credit") == 0, list = strcmp(sub, "list") == 0;
	int show = strcmp(sub, "show") == 0;
	if (!create && !batch && !credit && !list && !show) {
		diag_error(d, NULL, 0, 0, "'invoice %s' is not a command; see "
		    "'zorgdoc invoice --help'", sub);
		goto out;
	}
	int64_t client_id = 0;
	if ((create && !o[O_CLIENT].value) ||
	    (o[O_CLIENT].value && check_id(o[O_CLIENT].value, &client_id) != 0)) {
		diag_error(d, NULL, 0, 0, "invoice %s needs --client ID", sub);
		goto out;
	}
	if ((batch && !o[O_PERIOD].value) || (o[O_PERIOD].value && !check_period(o[O_PERIOD].value))) {
		diag_error(d, NULL, 0, 0, "invoice %s needs --period YYYY-MM (a real month)", sub);
		goto out;
	}
	if (o[O_DATE].value && !check_date(o[O_DATE].value)) {
		diag_error(d, NULL, 0, 0, "--date must be a real date YYYY-MM-DD");
		goto out;
	}
	if (((credit || show) && npos != 1) || (!credit && !show && npos != 0)) {
		diag_error(d, NULL, 0, 0, credit || show ? "invoice %s needs one invoice number"
		    : "invoice %s takes only options", sub);
		goto out;
	}
	check_today(today);
	store_invoice_opts io = { o[O_DATE].value ? o[O_DATE].value : today, o[O_PERIOD].value };
	if (create || batch || credit) {
		if (!(b = cmd_billing_load(o[O_PRACTICE].value, d))) {
			status = EXIT_INPUT;
			goto out;
		}
	}
	if (!(s = cmd_store_open(o[O_DB].value, d))) {
		status = EXIT_STORE;
		goto out;
	}
	if (create) {
		rc = store_invoice_create(s, billing_practice(b), client_id, &io, &number, d);
		if (rc == STORE_OK)
			printf("%s\n", number);
	} else if (batch) {
		batch_ui ui = { isatty(2), { 0, 0 } };
		clock_gettime(CLOCK_MONOTONIC, &ui.start);
		store_batch_stats st;
		rc = store_invoice_batch(s, billing_practice(b), &io, on_issued, &ui, &st, d);
		if (ui.progress && st.issued)
			fputc('\n', stderr);
		if (rc == STORE_OK && ui.progress)
			fprintf(stderr, "invoice batch: %zu issued, %zu already invoiced, in %.1f s\n",
			    st.issued, st.skipped, since(&ui.start));
	} else if (credit) {
		rc = store_invoice_credit(s, billing_practice(b), pos[0], &io, &number, d);
		if (rc == STORE_OK)
			printf("%s\n", number);
	} else if (list) {
		store_invoice_filter f = { client_id, o[O_PERIOD].value };
		rc = store_invoice_each(s, &f, print_invoice, NULL, d);
	} else {
		char *xml;
		size_t len;
		rc = store_invoice_snapshot(s, pos[0], &xml, &len, d);
		if (rc == STORE_OK) {
			fwrite(xml, 1, len, stdout);
			free(xml);
		}
	}
	status = cmd_store_exit(rc);
out:
	free(number);
	billing_free(b);
	store_free(s);
	cmd_opts_free(o, O__MAX, pos);
	return status;
}
