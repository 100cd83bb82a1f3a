/* retention — `zorgdoc retention [--within W] [--date D]` lists the
 * dossiers and invoices whose retention term has passed or passes within
 * the window; `zorgdoc retention purge` destroys what has passed, after
 * confirmation. The terms are the law's (WGBO art. 7:454: 20 years from
 * the last change of the dossier's content; art. 52 AWR: 7 years from the
 * end of the invoice's calendar year), lengthened by the practice's own
 * retention rules where they say longer (src/store/retention.c).
 *
 * Also the helpers of rightscmd.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "../practice/practice.h"
#include "../store/check.h"
#include "cmd.h"
#include "rightscmd.h"
#include "storecmd.h"

static const char usage[] =
    "usage: zorgdoc retention [--within PERIOD] [--date DATE] [--practice FILE] [--db FILE]\n"
    "       zorgdoc retention purge [--yes] [--date DATE] [--practice FILE] [--db FILE]\n"
    "\n"
    "Retention terms of the dossier store. The first form lists every dossier\n"
    "and invoice whose term has passed, or passes within PERIOD (1y, 6m, 90d):\n"
    "kind, client id, client number or invoice number, the date the term counts\n"
    "from, the last day of the term, passed/due, and what a purge would do.\n"
    "\n"
    "  dossier   20 years from the last change of its content (a treatment, a\n"
    "            note, a consent; not an address change) - WGBO art. 7:454\n"
    "  invoice   7 years from the end of the calendar year of the invoice date\n"
    "            (an invoice of 2023 is kept through 2030-12-31) - art. 52 AWR\n"
    "\n"
    "Where the practice file's retention rules say longer (applies-to dossier or\n"
    "financial; a minors rule counted from the 18th birthday), the longer wins.\n"
    "\n"
    "purge destroys, in one transaction, what has passed: invoices and credit\n"
    "notes (an original stays while its credit note is kept); clients whose\n"
    "dossier has passed and who have no invoice left, with their treatments,\n"
    "notes, consents, guardians, documents and audit entries; clients whose\n"
    "dossier has passed but whose invoices are kept have their personal data\n"
    "erased (see 'zorgdoc client forget'). Invoice numbers are never reused.\n"
    "The audit log keeps one entry with the counts. It asks you to type\n"
    "'purge' unless --yes is given.\n"
    "\n"
    "  --within PERIOD   also list what passes within PERIOD: Ny, Nm or Nd\n"
    "  --date DATE       judge as on DATE (default today)\n"
    "  --yes             purge without asking\n"
    "  --practice FILE   the practice, for its retention rules (default\n"
    "                    $ZORGDOC_PRACTICE; without one the legal terms apply)\n"
    "  --db FILE         the store (default $ZORGDOC_DB, else ./dossier.db)\n"
    "\n"
    "Exit status: 0 ok, 1 bad input or not confirmed, 2 usage, 3 store error.\n";

/* ---- helpers shared by the rights commands ---------------------------- */

static int
is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	    strcmp((const char *)n->ns->href, PRACTICE_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static char *
attr(xmlNode *n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

int
cmd_retention_policy(const char *path, store_retention_policy *p, diag *d)
{
	store_retention_policy_default(p);
	if (!path || !*path)
		path = getenv("ZORGDOC_PRACTICE");
	if (!path || !*path)
		return 0;
	practice *pr = practice_load(path, d);
	if (!pr)
		return -1;
	xmlNode *root = xmlDocGetRootElement(practice_doc(pr));
	for (xmlNode *r = root ? root->children : NULL; r; r = r->next) {
		if (!is_el(r, "retention"))
			continue;
		for (xmlNode *rule = r->children; rule; rule = rule->next) {
			if (!is_el(rule, "rule"))
				continue;
			char *to = attr(rule, "applies-to"), *yrs = attr(rule, "years");
			char *from = attr(rule, "from"), *who = attr(rule, "for");
			char *end = NULL;
			long y = yrs ? strtol(yrs, &end, 10) : 0;
			if (!yrs || *end || y <= 0 || y > 200)
				y = 0;   /* 0: "until done" — not a term we can count */
			if (y && to && strcmp(to, "dossier") == 0) {
				if (from && strcmp(from, "18th-birthday") == 0) {
					if (y > p->minors_years)
						p->minors_years = (int)y;
				} else if (!from || strcmp(from, "death") != 0) {
					/* last-change, each-entry (the last entry is
					 * the last change), end-of-treatment,
					 * unspecified: from the last change. */
					if (!who || strcmp(who, "deceased") != 0)
						if (y > p->dossier_years)
							p->dossier_years = (int)y;
				}
			} else if (y && to && strcmp(to, "financial") == 0) {
				if (y > p->financial_years)
					p->financial_years = (int)y;
			}
			xmlFree(to);
			xmlFree(yrs);
			xmlFree(from);
			xmlFree(who);
		}
	}
	practice_free(pr);
	return 0;
}

int
cmd_date_opt(const char *opt, const char *value, char out[11], diag *d)
{
	if (!value) {
		check_today(out);
		return 0;
	}
	if (!check_date(value))
		return diag_error(d, NULL, 0, 0, "%s must be a real date YYYY-MM-DD", opt);
	memcpy(out, value, 10);
	out[10] = '\0';
	return 0;
}

int
cmd_window(const char *opt, const char *value, const char *date, char out[11], diag *d)
{
	char *end;
	long n = strtol(value, &end, 10);
	if (end == value || n < 0 || n > 100000 || strlen(end) != 1 ||
	    !strchr("ymd", end[0]) || value[0] == '-' || value[0] == '+')
		return diag_error(d, NULL, 0, 0, "%s must be a period like 1y, 6m or 90d", opt);
	int y = atoi(date), m = atoi(date + 5), dd = atoi(date + 8);
	char tmp[48];
	if (end[0] == 'd') {
		check_days_date(check_date_days(date) + n, out);
	} else {
		long months = end[0] == 'y' ? n * 12 : n;
		long total = (long)y * 12 + (m - 1) + months;
		y = (int)(total / 12);
		m = (int)(total % 12) + 1;
		static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		int max = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
		if (dd > max)
			dd = max;
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m, dd);
		memcpy(out, tmp, 11);
	}
	if (!check_date(out))
		return diag_error(d, NULL, 0, 0, "%s reaches beyond the year 2199", opt);
	return 0;
}

int
cmd_confirm(const char *question, const char *word)
{
	fprintf(stderr, "%s\nType '%s' to go on: ", question, word);
	fflush(stderr);
	char line[128];
	if (!fgets(line, sizeof line, stdin))
		return 0;
	line[strcspn(line, "\r\n")] = '\0';
	return strcmp(line, word) == 0;
}

/* ---- the command -------------------------------------------------------- */

enum { O_DB, O_PRACTICE, O_WITHIN, O_DATE, O_YES, O__MAX };

typedef struct {
	size_t del_dossiers, erase_dossiers, del_invoices;
	int print;
} listing;

static const char *
action_text(const store_ret_item *it, char *out, size_t size)
{
	switch (it->action) {
	case STORE_RET_KEEP:
		return "keep";
	case STORE_RET_DELETE:
		return "delete";
	case STORE_RET_ERASE:
		snprintf(out, size, "erase personal data (invoices kept until %s)", it->held_until);
		return out;
	case STORE_RET_HELD:
		if (it->kind == STORE_RET_DOSSIER)
			snprintf(out, size, "keep (erased; invoices kept until %s)", it->held_until);
		else
			snprintf(out, size, "keep (its credit note is kept until %s)", it->held_until);
		return out;
	case STORE_RET__MAX_ACTION:
		break;
	}
	return "?";
}

static int
print_item(void *ud, const store_ret_item *it)
{
	listing *l = ud;
	if (it->action == STORE_RET_DELETE && it->kind == STORE_RET_DOSSIER)
		l->del_dossiers++;
	else if (it->action == STORE_RET_DELETE)
		l->del_invoices++;
	else if (it->action == STORE_RET_ERASE)
		l->erase_dossiers++;
	if (!l->print)
		return 0;
	char abuf[96];
	const char *rec = it->kind == STORE_RET_INVOICE ? it->number
	    : it->client_ref ? it->client_ref : "-";
	printf("%s\t%lld\t%s\t%s\t%s\t%s\t%s\n", it->kind == STORE_RET_DOSSIER ? "dossier" : "invoice",
	    (long long)it->client_id, rec, it->from, it->end, it->passed ? "passed" : "due",
	    action_text(it, abuf, sizeof abuf));
	return 0;
}

int
cmd_retention(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	cmd_opt o[O__MAX] = {
		[O_DB] = { .name = "db", .takes_value = 1 },
		[O_PRACTICE] = { .name = "practice", .takes_value = 1 },
		[O_WITHIN] = { .name = "within", .takes_value = 1 },
		[O_DATE] = { .name = "date", .takes_value = 1 },
		[O_YES] = { .name = "yes" },
	};
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE, rc;
	store *s = NULL;
	if (cmd_opts_parse(argc, argv, 1, o, O__MAX, &pos, &npos, d) != 0)
		goto out;
	int purge = npos == 1 && strcmp(pos[0], "purge") == 0;
	if (npos > 1 || (npos == 1 && !purge)) {
		diag_error(d, NULL, 0, 0, "'retention %s' is not a command; see "
		    "'zorgdoc retention --help'", pos[0]);
		goto out;
	}
	if (purge && o[O_WITHIN].value) {
		diag_error(d, NULL, 0, 0, "--within is for the listing: purge destroys only what "
		    "has passed");
		goto out;
	}
	if (!purge && o[O_YES].value) {
		diag_error(d, NULL, 0, 0, "--yes is for 'retention purge'");
		goto out;
	}
	char today[11], until[11];
	if (cmd_date_opt("--date", o[O_DATE].value, today, d) != 0)
		goto out;
	memcpy(until, today, 11);
	if (o[O_WITHIN].value && cmd_window("--within", o[O_WITHIN].value, today, until, d) != 0)
		goto out;
	store_retention_policy pol;
	if (cmd_retention_policy(o[O_PRACTICE].value, &pol, d) != 0) {
		status = EXIT_INPUT;
		goto out;
	}
	if (!(s = cmd_store_open(o[O_DB].value, d))) {
		status = EXIT_STORE;
		goto out;
	}
	listing l = { 0, 0, 0, 1 };
	if ((rc = store_audit_read(s, purge ? "purge-list" : "list", "retention", 0, 0, NULL, d))
	    != STORE_OK)
		goto done;
	if ((rc = store_retention_each(s, &pol, today, until, print_item, &l, d)) != STORE_OK)
		goto done;
	if (!purge)
		goto done;
	fflush(stdout);
	if (!l.del_dossiers && !l.erase_dossiers && !l.del_invoices) {
		fprintf(stderr, "retention purge: nothing has passed its term\n");
		goto done;
	}
	if (!o[O_YES].value) {
		char q[256];
		snprintf(q, sizeof q, "This destroys %zu dossiers, erases the personal data of %zu "
		    "and destroys %zu invoices, for good.", l.del_dossiers, l.erase_dossiers,
		    l.del_invoices);
		if (!cmd_confirm(q, "purge")) {
			diag_error(d, NULL, 0, 0, "retention purge: not confirmed; nothing was changed");
			status = EXIT_INPUT;
			goto out;
		}
	}
	store_purge_stats st;
	if ((rc = store_retention_purge(s, &pol, today, &st, d)) == STORE_OK)
		fprintf(stderr, "retention purge: %zu dossiers deleted, %zu erased, %zu invoices "
		    "deleted\n", st.dossiers_deleted, st.dossiers_erased, st.invoices);
done:
	status = cmd_store_exit(rc);
out:
	store_free(s);
	cmd_opts_free(o, O__MAX, pos);
	return status;
}
