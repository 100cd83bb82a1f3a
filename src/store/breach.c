/* breach — the register of data breaches (AVG art. 33(5)): every breach
 * with its facts, effects and remedial action, and whether the Autoriteit
 * Persoonsgegevens and the people concerned were told. Entries are never
 * changed or deleted (triggers); corrections and later facts are dated
 * addenda. */
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "check.h"
#include "rights.h"
#include "store_int.h"

int64_t
store_breach_minutes(const char *s, int end_of_day)
{
	if (!s)
		return -1;
	size_t n = strlen(s);
	char date[11];
	if (n != 10 && n != 16)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!check_date(date))
		return -1;
	int64_t m = check_date_days(date) * 1440;
	if (n == 10)
		return m + (end_of_day ? 1439 : 0);
	const char *t = s + 10;
	if ((t[0] != 'T' && t[0] != ' ') || !check_digits((char[]){ t[1], t[2], 0 }, 2) ||
	    t[3] != ':' || !check_digits((char[]){ t[4], t[5], 0 }, 2))
		return -1;
	int hh = (t[1] - '0') * 10 + (t[2] - '0'), mm = (t[4] - '0') * 10 + (t[5] - '0');
	if (hh > 23 || mm > 59)
		return -1;
	return m + hh * 60 + mm;
}

/* A "told" value: a date, "no" (needs a reason) or "pending". */
static const char *
check_told(const char *v, const char *reason)
{
	if (!v)
		return "is required (a date, 'no' or 'pending')";
	if (strcmp(v, "pending") == 0)
		return NULL;
	if (strcmp(v, "no") == 0)
		return reason && !check_text(reason, CHECK_MAX_TEXT) ? NULL
		    : "is 'no': give the reason";
	return store_breach_minutes(v, 0) >= 0 ? NULL
	    : "is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM), 'no' or 'pending'";
}

const char *
store_breach_check(const store_breach *b, const char **field)
{
	const char *bad;
	*field = "found";
	if (store_breach_minutes(b->found, 0) < 0)
		return "is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)";
	*field = "occurred";
	if (b->occurred && store_breach_minutes(b->occurred, 0) < 0)
		return "is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)";
	if (b->occurred && store_breach_minutes(b->occurred, 0) > store_breach_minutes(b->found, 1))
		return "is after the date the breach was found";
	*field = "nature";
	if ((bad = check_text_ml(b->nature, 4000)))
		return bad;
	*field = "data";
	if ((bad = check_text_ml(b->data, 4000)))
		return bad;
	*field = "affected";
	if (b->affected < 0 || b->affected > 100000000)
		return "is not a number of people (0 or more)";
	*field = "consequences";
	if ((bad = check_text_ml(b->consequences, 4000)))
		return bad;
	*field = "measures";
	if ((bad = check_text_ml(b->measures, 4000)))
		return bad;
	*field = "ap";
	if ((bad = check_told(b->ap, b->ap_reason)))
		return bad;
	*field = "informed";
	if ((bad = check_told(b->informed, b->informed_reason)))
		return bad;
	*field = NULL;
	return NULL;
}

int
store_breach_add(store *s, const store_breach *b, int64_t *id, diag *d)
{
	if (st_need_tx(s, d) != STORE_OK)
		return STORE_EDB;
	const char *field, *bad = store_breach_check(b, &field);
	if (bad)
		return diag_error(d, NULL, 0, 0, "breach: --%s %s", field, bad), STORE_EINPUT;
	sqlite3_stmt *st = st_prepare(s, "INSERT INTO breaches (found, occurred, nature, data, "
	    "affected, consequences, measures, ap, ap_reason, informed, informed_reason, created, "
	    "user) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", d);
	if (!st)
		return STORE_EDB;
	char now[32];
	st_now(now);
	st_bind_text(st, 1, b->found);
	st_bind_text(st, 2, b->occurred);
	st_bind_text(st, 3, b->nature);
	st_bind_text(st, 4, b->data);
	sqlite3_bind_int64(st, 5, b->affected);
	st_bind_text(st, 6, b->consequences);
	st_bind_text(st, 7, b->measures);
	st_bind_text(st, 8, b->ap);
	st_bind_text(st, 9, strcmp(b->ap, "no") == 0 ? b->ap_reason : NULL);
	st_bind_text(st, 10, b->informed);
	st_bind_text(st, 11, strcmp(b->informed, "no") == 0 ? b->informed_reason : NULL);
	st_bind_text(st, 12, now);
	st_bind_text(st, 13, st_audit_user());
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "recording a breach");
	*id = sqlite3_last_insert_rowid(s->db);
	return st_audit_write(s, "add", "breach", *id, 0, NULL, d);
}

int
store_breach_amend(store *s, const store_breach_addendum *a, int64_t *id, diag *d)
{
	if (st_need_tx(s, d) != STORE_OK)
		return STORE_EDB;
	const char *bad = NULL, *field = NULL;
	if (!check_date(a->date))
		field = "date", bad = "is not a date (YYYY-MM-DD)";
	else if ((bad = check_text_ml(a->text, 4000)))
		field = "text";
	else if (a->ap && (bad = check_told(a->ap, a->ap_reason)))
		field = "ap";
	else if (a->informed && (bad = check_told(a->informed, a->informed_reason)))
		field = "informed";
	if (bad)
		return diag_error(d, NULL, 0, 0, "breach amend: --%s %s", field, bad), STORE_EINPUT;
	sqlite3_stmt *st = st_prepare(s, "INSERT INTO breach_addenda (breach_id, date, text, ap, "
	    "ap_reason, informed, informed_reason, created, user) "
	    "SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM breaches WHERE id = ?1", d);
	if (!st)
		return STORE_EDB;
	char now[32];
	st_now(now);
	sqlite3_bind_int64(st, 1, a->breach_id);
	st_bind_text(st, 2, a->date);
	st_bind_text(st, 3, a->text);
	st_bind_text(st, 4, a->ap);
	st_bind_text(st, 5, a->ap && strcmp(a->ap, "no") == 0 ? a->ap_reason : NULL);
	st_bind_text(st, 6, a->informed);
	st_bind_text(st, 7, a->informed && strcmp(a->informed, "no") == 0 ? a->informed_reason : NULL);
	st_bind_text(st, 8, now);
	st_bind_text(st, 9, st_audit_user());
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "recording an addendum");
	if (sqlite3_changes(s->db) == 0)
		return diag_error(d, NULL, 0, 0, "no breach with id %lld", (long long)a->breach_id),
		    STORE_EINPUT;
	*id = sqlite3_last_insert_rowid(s->db);
	return st_audit_write(s, "amend", "breach", a->breach_id, 0, NULL, d);
}

typedef struct {
	store_breach_addendum *v;
	char **strs;   /* every string the addenda point to (owned) */
	size_t n, nstrs;
} addenda;

static const char *
keep(addenda *a, sqlite3_stmt *st, int col)
{
	char *v = st_col_dup(st, col);
	if (!v)
		return NULL;
	a->strs = xrealloc(a->strs, (a->nstrs + 1) * sizeof *a->strs);
	a->strs[a->nstrs++] = v;
	return v;
}

static void
addenda_clear(addenda *a)
{
	for (size_t i = 0; i < a->nstrs; i++)
		free(a->strs[i]);
	free(a->strs);
	free(a->v);
	memset(a, 0, sizeof *a);
}

int
store_breach_each(store *s, store_breach_fn fn, void *ud, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "SELECT id, found, occurred, nature, data, affected, "
	    "consequences, measures, ap, ap_reason, informed, informed_reason, created, user "
	    "FROM breaches ORDER BY id", d);
	sqlite3_stmt *ad = st ? st_prepare(s, "SELECT id, breach_id, date, text, ap, ap_reason, "
	    "informed, informed_reason, created, user FROM breach_addenda WHERE breach_id = ?1 "
	    "ORDER BY id", d) : NULL;
	if (!st || !ad) {
		sqlite3_finalize(st);
		return STORE_EDB;
	}
	int rc, ret = STORE_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_breach b = {
			sqlite3_column_int64(st, 0), st_col(st, 1),
			(const char *)sqlite3_column_text(st, 2), st_col(st, 3), st_col(st, 4),
			sqlite3_column_int64(st, 5), st_col(st, 6), st_col(st, 7), st_col(st, 8),
			(const char *)sqlite3_column_text(st, 9), st_col(st, 10),
			(const char *)sqlite3_column_text(st, 11), st_col(st, 12), st_col(st, 13),
		};
		addenda a = { 0 };
		sqlite3_reset(ad);
		sqlite3_bind_int64(ad, 1, b.id);
		int arc;
		while ((arc = sqlite3_step(ad)) == SQLITE_ROW) {
			a.v = xrealloc(a.v, (a.n + 1) * sizeof *a.v);
			a.v[a.n++] = (store_breach_addendum){
				sqlite3_column_int64(ad, 0), sqlite3_column_int64(ad, 1),
				keep(&a, ad, 2), keep(&a, ad, 3), keep(&a, ad, 4), keep(&a, ad, 5),
				keep(&a, ad, 6), keep(&a, ad, 7), keep(&a, ad, 8), keep(&a, ad, 9),
			};
		}
		if (arc != SQLITE_DONE) {
			addenda_clear(&a);
			ret = st_fail(s, d, "reading the breach register");
			break;
		}
		ret = fn(ud, &b, a.v, a.n);
		addenda_clear(&a);
		if (ret != 0)
			break;
	}
	if (ret == STORE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = st_fail(s, d, "reading the breach register");
	sqlite3_finalize(ad);
	sqlite3_finalize(st);
	return ret;
}
