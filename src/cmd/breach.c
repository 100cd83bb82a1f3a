/* breach — `zorgdoc breach add|amend|list`: the practice's register of
 * data breaches (AVG art. 33(5)), as seed BioBalans promises. add takes
 * the facts from options, or asks for the missing ones (--prompt, or
 * when stdin is a terminal); entries are never changed or deleted, only
 * amended with a dated addendum; list shows them and flags a report to
 * the Autoriteit Persoonsgegevens made (or still due) later than 72 hours
 * after the breach was found (art. 33(1)). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../store/check.h"
#include "cmd.h"
#include "rightscmd.h"
#include "storecmd.h"

static const char usage[] =
    "usage: zorgdoc breach add --found DATE [--occurred DATE] --nature TEXT --data TEXT\n"
    "                          --affected N --consequences TEXT --measures TEXT\n"
    "                          --ap DATE|no|pending [--ap-reason TEXT]\n"
    "                          --informed DATE|no|pending [--informed-reason TEXT]\n"
    "                          [--prompt] [--db FILE]\n"
    "       zorgdoc breach amend ID --text TEXT [--date DATE] [--ap ...] [--ap-reason TEXT]\n"
    "                          [--informed ...] [--informed-reason TEXT] [--db FILE]\n"
    "       zorgdoc breach list [--date DATE] [--db FILE]\n"
    "\n"
    "The register of data breaches (datalekken) the AVG asks every practice to\n"
    "keep (art. 33(5)), also of breaches that were not reported.\n"
    "\n"
    "  --found DATE          when the breach was discovered (YYYY-MM-DD or\n"
    "                        YYYY-MM-DDTHH:MM; give the time: the 72 hours count\n"
    "                        from it)\n"
    "  --occurred DATE       when it happened, if known\n"
    "  --nature TEXT         what happened (e.g. a laptop was stolen)\n"
    "  --data TEXT           which personal data were concerned\n"
    "  --affected N          how many people were concerned\n"
    "  --consequences TEXT   the (possible) consequences for them\n"
    "  --measures TEXT       what was done about it\n"
    "  --ap DATE|no|pending  reported to the Autoriteit Persoonsgegevens: when,\n"
    "                        or no (give --ap-reason: e.g. no risk), or pending\n"
    "  --informed DATE|no|pending\n"
    "                        the people concerned were told: when, or no (give\n"
    "                        --informed-reason), or pending\n"
    "  --prompt              ask for what is missing (also when stdin is a terminal)\n"
    "\n"
    "Entries are never changed or deleted. amend adds a dated addendum (--date,\n"
    "default today) with text, and may record a later report (--ap, --informed).\n"
    "list shows every entry with its addenda and flags a report to the AP made\n"
    "more than 72 hours after discovery, or still pending after 72 hours (judged\n"
    "on --date, default today). Without times, discovery counts from the start\n"
    "of its day and a report from the end of its day.\n"
    "\n"
    "Exit status: 0 ok, 1 bad input, 2 usage, 3 store error.\n";

enum { O_DB, O_FOUND, O_OCCURRED, O_NATURE, O_DATA, O_AFFECTED, O_CONSEQ, O_MEASURES, O_AP,
	O_AP_REASON, O_INFORMED, O_INF_REASON, O_PROMPT, O_TEXT, O_DATE, O__MAX };

/* Asks on stderr, reads one line from stdin (owned; NULL at EOF). */
static char *
ask(const char *question)
{
	fprintf(stderr, "%s: ", question);
	fflush(stderr);
	buf b = BUF_INIT;
	int c;
	while ((c = getchar()) != EOF && c != '\n')
		buf_putc(&b, (char)c);
	if (c == EOF && b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	char *s = xstrdup(buf_str(&b));
	buf_free(&b);
	s[strcspn(s, "\r")] = '\0';
	return s;
}

typedef struct {
	char *v[O__MAX];   /* answers from the prompt (owned) */
} answers;

/* The value of option k: given, or asked for when prompting. */
static const char *
value(cmd_opt *o, answers *a, int k, int prompting, const char *question)
{
	if (o[k].value)
		return o[k].value;
	if (!prompting || !question)
		return NULL;
	a->v[k] = ask(question);
	return a->v[k] && *a->v[k] ? a->v[k] : NULL;
}

static const char *
told_text(const char *v, const char *reason, char *out, size_t size)
{
	if (strcmp(v, "pending") == 0)
		return "pending";
	if (strcmp(v, "no") == 0) {
		snprintf(out, size, "no - %s", reason ? reason : "");
		return out;
	}
	return v;
}

typedef struct {
	int64_t now;   /* minutes: the end of --date */
	size_t late;
} list_ui;

static int
print_breach(void *ud, const store_breach *b, const store_breach_addendum *adds, size_t nadds)
{
	list_ui *ui = ud;
	const char *ap = b->ap, *ap_reason = b->ap_reason;
	const char *inf = b->informed, *inf_reason = b->informed_reason;
	for (size_t k = 0; k < nadds; k++) {
		if (adds[k].ap)
			ap = adds[k].ap, ap_reason = adds[k].ap_reason;
		if (adds[k].informed)
			inf = adds[k].informed, inf_reason = adds[k].informed_reason;
	}
	printf("breach %lld\n", (long long)b->id);
	printf("  found:              %s\n", b->found);
	printf("  occurred:           %s\n", b->occurred ? b->occurred : "unknown");
	printf("  nature:             %s\n", b->nature);
	printf("  data concerned:     %s\n", b->data);
	printf("  people affected:    %lld\n", (long long)b->affected);
	printf("  consequences:       %s\n", b->consequences);
	printf("  measures:           %s\n", b->measures);
	char tb[700];
	printf("  reported to the AP: %s", told_text(ap, ap_reason, tb, sizeof tb));
	int64_t found = store_breach_minutes(b->found, 0);
	if (strcmp(ap, "no") != 0) {
		int64_t when = strcmp(ap, "pending") == 0 ? ui->now : store_breach_minutes(ap, 1);
		int64_t hours = (when - found) / 60;
		if (when - found > 72 * 60) {
			ui->late++;
			if (strcmp(ap, "pending") == 0)
				printf("  ! OVERDUE: %lld hours since discovery, more than 72", (long long)hours);
			else
				printf("  ! LATE: %lld hours after discovery, more than 72", (long long)hours);
		}
	}
	putchar('\n');
	printf("  people informed:    %s\n", told_text(inf, inf_reason, tb, sizeof tb));
	printf("  recorded:           %s by %s\n", b->created, b->user);
	for (size_t k = 0; k < nadds; k++) {
		printf("  addendum %s (recorded %s by %s): %s\n", adds[k].date, adds[k].created,
		    adds[k].user, adds[k].text);
		if (adds[k].ap)
			printf("    reported to the AP: %s\n",
			    told_text(adds[k].ap, adds[k].ap_reason, tb, sizeof tb));
		if (adds[k].informed)
			printf("    people informed: %s\n",
			    told_text(adds[k].informed, adds[k].informed_reason, tb, sizeof tb));
	}
	return 0;
}

int
cmd_breach(int argc, char **argv, diag *d)
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
		[O_FOUND] = { .name = "found", .takes_value = 1 },
		[O_OCCURRED] = { .name = "occurred", .takes_value = 1 },
		[O_NATURE] = { .name = "nature", .takes_value = 1 },
		[O_DATA] = { .name = "data", .takes_value = 1 },
		[O_AFFECTED] = { .name = "affected", .takes_value = 1 },
		[O_CONSEQ] = { .name = "consequences", .takes_value = 1 },
		[O_MEASURES] = { .name = "measures", .takes_value = 1 },
		[O_AP] = { .name = "ap", .takes_value = 1 },
		[O_AP_REASON] = { .name = "ap-reason", .takes_value = 1 },
		[O_INFORMED] = { .name = "informed", .takes_value = 1 },
		[O_INF_REASON] = { .name = "informed-reason", .takes_value = 1 },
		[O_PROMPT] = { .name = "prompt" },
		[O_TEXT] = { .name = "text", .takes_value = 1 },
		[O_DATE] = { .name = "date", .takes_value = 1 },
	};
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE, rc = STORE_OK;
	store *s = NULL;
	answers a = { { 0 } };
	if (cmd_opts_parse(argc, argv, 2, o, O__MAX, &pos, &npos, d) != 0)
		goto out;
	int add = strcmp(sub, "add") == 0, amend = strcmp(sub, "amend") == 0;
	int list = strcmp(sub, "list") == 0;
	if (!add && !amend && !list) {
		diag_error(d, NULL, 0, 0, "'breach %s' is not a command; see 'zorgdoc breach --help'",
		    sub);
		goto out;
	}
	/* Which options each subcommand takes. */
	static const int add_opts[] = { O_DB, O_FOUND, O_OCCURRED, O_NATURE, O_DATA, O_AFFECTED,
		O_CONSEQ, O_MEASURES, O_AP, O_AP_REASON, O_INFORMED, O_INF_REASON, O_PROMPT, -1 };
	static const int amend_opts[] = { O_DB, O_TEXT, O_DATE, O_AP, O_AP_REASON, O_INFORMED,
		O_INF_REASON, -1 };
	static const int list_opts[] = { O_DB, O_DATE, -1 };
	const int *allowed = add ? add_opts : amend ? amend_opts : list_opts;
	for (int k = 0; k < O__MAX; k++) {
		int ok = 0;
		for (const int *p = allowed; *p >= 0; p++)
			ok |= *p == k;
		if (o[k].value && !ok) {
			diag_error(d, NULL, 0, 0, "breach %s does not take --%s", sub, o[k].name);
			goto out;
		}
	}
	int64_t id = 0;
	if ((amend && (npos != 1 || check_id(pos[0], &id) != 0)) || (!amend && npos)) {
		diag_error(d, NULL, 0, 0, amend ? "breach amend needs one breach id"
		    : "breach %s takes only options", sub);
		goto out;
	}
	char date[11];
	if (cmd_date_opt("--date", o[O_DATE].value, date, d) != 0)
		goto out;
	store_breach b = { 0 };
	store_breach_addendum ad = { 0 };
	if (add) {
		int prompting = o[O_PROMPT].value || isatty(0);
		b.found = value(o, &a, O_FOUND, prompting, "Found on (YYYY-MM-DD or YYYY-MM-DDTHH:MM)");
		b.occurred = value(o, &a, O_OCCURRED, prompting, "Happened on (empty: unknown)");
		b.nature = value(o, &a, O_NATURE, prompting, "What happened");
		b.data = value(o, &a, O_DATA, prompting, "Which personal data");
		const char *aff = value(o, &a, O_AFFECTED, prompting, "How many people");
		b.consequences = value(o, &a, O_CONSEQ, prompting, "Consequences for them");
		b.measures = value(o, &a, O_MEASURES, prompting, "Measures taken");
		b.ap = value(o, &a, O_AP, prompting, "Reported to the AP (date, no or pending)");
		if (b.ap && strcmp(b.ap, "no") == 0)
			b.ap_reason = value(o, &a, O_AP_REASON, prompting, "Why not reported");
		else
			b.ap_reason = o[O_AP_REASON].value;
		b.informed = value(o, &a, O_INFORMED, prompting,
		    "People concerned informed (date, no or pending)");
		if (b.informed && strcmp(b.informed, "no") == 0)
			b.informed_reason = value(o, &a, O_INF_REASON, prompting, "Why not informed");
		else
			b.informed_reason = o[O_INF_REASON].value;
		static const struct {
			int k;
			const char *name;
		} need[] = { { O_FOUND, "found" }, { O_NATURE, "nature" }, { O_DATA, "data" },
			{ O_AFFECTED, "affected" }, { O_CONSEQ, "consequences" },
			{ O_MEASURES, "measures" }, { O_AP, "ap" }, { O_INFORMED, "informed" } };
		const char *vals[] = { b.found, b.nature, b.data, aff, b.consequences, b.measures,
			b.ap, b.informed };
		for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
			if (!vals[k]) {
				diag_error(d, NULL, 0, 0, "breach add needs --%s", need[k].name);
				goto out;
			}
		char *end;
		long long n = strtoll(aff, &end, 10);
		if (end == aff || *end || n < 0 || aff[0] == '+' || aff[0] == '-') {
			diag_error(d, NULL, 0, 0, "--affected must be a number of people (0 or more)");
			status = EXIT_INPUT;
			goto out;
		}
		b.affected = n;
		if ((b.ap_reason && strcmp(b.ap, "no") != 0) ||
		    (b.informed_reason && strcmp(b.informed, "no") != 0)) {
			diag_error(d, NULL, 0, 0, "--ap-reason and --informed-reason go with 'no'");
			goto out;
		}
	} else if (amend) {
		if (!o[O_TEXT].value) {
			diag_error(d, NULL, 0, 0, "breach amend needs --text");
			goto out;
		}
		ad = (store_breach_addendum){ 0, id, date, o[O_TEXT].value, o[O_AP].value,
			o[O_AP_REASON].value, o[O_INFORMED].value, o[O_INF_REASON].value, NULL, NULL };
	}
	if (!(s = cmd_store_open(o[O_DB].value, d))) {
		status = EXIT_STORE;
		goto out;
	}
	int64_t newid;
	if (add) {
		if ((rc = store_begin(s, d)) == STORE_OK && (rc = store_breach_add(s, &b, &newid, d))
		    == STORE_OK && (rc = store_commit(s, d)) == STORE_OK)
			printf("%lld\n", (long long)newid);
	} else if (amend) {
		if ((rc = store_begin(s, d)) == STORE_OK && (rc = store_breach_amend(s, &ad, &newid, d))
		    == STORE_OK)
			rc = store_commit(s, d);
	} else {
		list_ui ui = { store_breach_minutes(date, 1), 0 };
		if ((rc = store_audit_read(s, "list", "breach", 0, 0, NULL, d)) == STORE_OK)
			rc = store_breach_each(s, print_breach, &ui, d);
		if (rc == STORE_OK && ui.late)
			fprintf(stderr, "breach list: %zu breach%s not reported to the AP within 72 "
			    "hours (art. 33(1) AVG: give the reasons for the delay)\n", ui.late,
			    ui.late == 1 ? "" : "es");
	}
	status = cmd_store_exit(rc);
out:
	for (int k = 0; k < O__MAX; k++)
		free(a.v[k]);
	store_free(s);
	cmd_opts_free(o, O__MAX, pos);
	return status;
}
