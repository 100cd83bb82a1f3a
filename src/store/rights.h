/* rights — what the AVG, the WGBO and NEN 7513 ask of the dossier store
 * beyond keeping it: the audit log of every read and change (audit.c),
 * retention terms and the purge (retention.c), erasure of a client's
 * personal data and the access export (erase.c), and the register of
 * data breaches (breach.c). See docs/store.md.
 *
 * Status codes and ownership as in store.h: STORE_OK, STORE_EINPUT (the
 * input was refused), STORE_EDB (the store failed or is busy); records
 * handed to callbacks are borrowed for the call. Messages name records
 * by id and never quote personal data. */
#ifndef ZORGDOC_STORE_RIGHTS_H
#define ZORGDOC_STORE_RIGHTS_H

#include <stddef.h>
#include <stdint.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "store.h"

/* ---- audit (audit.c) ------------------------------------------------- */

/* Logs a read of a client's data (or of the log, the register...): one
 * row with time, user, action, entity and record, in its own short
 * transaction (or the open one). client_id < 0: derived from entity and
 * record_id; 0: none. detail (may be NULL) never holds content: a count
 * or a filter. A command calls it before it shows anything; when the row
 * cannot be written nothing is shown. */
int store_audit_read(store *s, const char *action, const char *entity, int64_t record_id,
    int64_t client_id, const char *detail, diag *d);
/* The same for an invoice named by its number (record and client are
 * looked up). Unknown number: STORE_EINPUT. */
int store_audit_read_invoice(store *s, const char *action, const char *number, diag *d);

typedef struct {
	int64_t client_id;   /* 0: all */
	const char *since;   /* YYYY-MM-DD (UTC) or NULL */
	const char *action;  /* exact action or NULL */
} store_audit_filter;

typedef struct {
	int64_t id;
	const char *at, *user, *action, *entity;
	int64_t record_id;   /* 0 when none */
	int64_t client_id;   /* 0 when none */
	const char *detail;  /* NULL when none */
} store_audit_row;

typedef int (*store_audit_row_fn)(void *ud, const store_audit_row *r);
/* Calls fn for each matching audit row in order (borrowed). */
int store_audit_query(store *s, const store_audit_filter *f, store_audit_row_fn fn, void *ud,
    diag *d);

/* ---- retention (retention.c) ----------------------------------------- */

/* The terms applied: the legal minimum, or longer where the practice's
 * retention rules say so (the longer one wins). */
typedef struct {
	int dossier_years;    /* from the last change of the content (WGBO: 20) */
	int minors_years;     /* from the 18th birthday, for clients who were
	                         minors when their dossier began; 0: no such rule */
	int financial_years;  /* from the end of the invoice's calendar year (7) */
} store_retention_policy;

/* WGBO art. 7:454 and art. 52 AWR: 20 and 7 years, no minors rule. */
void store_retention_policy_default(store_retention_policy *p);

typedef enum {
	STORE_RET_DOSSIER,
	STORE_RET_INVOICE,
	STORE_RET__MAX
} store_ret_kind;

typedef enum {
	STORE_RET_KEEP,      /* within its term (listed only inside the window) */
	STORE_RET_DELETE,    /* purge deletes it */
	STORE_RET_ERASE,     /* dossier past its term, invoices still kept:
	                        purge erases the personal data and keeps what
	                        the invoices need */
	STORE_RET_HELD,      /* past its term but held: an invoice whose credit
	                        note (or original) is still kept */
	STORE_RET__MAX_ACTION
} store_ret_action;

typedef struct {
	store_ret_kind kind;
	int64_t client_id;
	const char *client_ref;  /* the practice's client number, or NULL */
	const char *number;      /* invoice: its number; dossier: NULL */
	char from[11];           /* dossier: last content change; invoice: its date */
	char end[11];            /* the last day of the term */
	int passed;              /* end < today */
	int erased;              /* dossier: personal data already erased */
	store_ret_action action; /* what purge does today */
	char held_until[11];     /* ERASE/HELD: the last day of what holds it */
} store_ret_item;

typedef int (*store_ret_fn)(void *ud, const store_ret_item *it);
/* Calls fn for every dossier and invoice whose term ends before `until`
 * (YYYY-MM-DD; today for "passed only"), judged on `today`: dossiers
 * first, by client id, then invoices in order of issue. */
int store_retention_each(store *s, const store_retention_policy *p, const char *today,
    const char *until, store_ret_fn fn, void *ud, diag *d);

typedef struct {
	size_t dossiers_deleted;  /* clients deleted with everything */
	size_t dossiers_erased;   /* personal data erased, invoices kept */
	size_t invoices;          /* invoices and credit notes deleted */
} store_purge_stats;

/* Destroys, in one transaction it opens and commits itself, what is past
 * its term on `today`; logs only the counts ("retention purge"); then
 * VACUUMs so that no freed page keeps old bytes. */
int store_retention_purge(store *s, const store_retention_policy *p, const char *today,
    store_purge_stats *st, diag *d);

/* ---- erasure and access (erase.c) ------------------------------------ */

typedef struct {
	char dossier_end[11];   /* last day of the WGBO term */
	int dossier_passed;
	char fiscal_end[11];    /* last day of the latest invoice's term, or "" */
	int fiscal_passed;      /* 1 also when there are no invoices */
	size_t invoices;        /* issued invoices and credit notes */
	int erased;             /* already erased */
} store_client_terms;

/* The retention terms that apply to client id on `today`. */
int store_client_terms_get(store *s, const store_retention_policy *p, int64_t id,
    const char *today, store_client_terms *t, diag *d);

/* Erases client id's personal data inside the open transaction: name,
 * address, contact, birth date, BSN, insurer, policy number, client
 * number, guardians, clinical notes and consents are overwritten or
 * deleted (secure_delete); document paths are cleared; treatments stay
 * with date, code, description, duration and amount. Issued invoices are
 * never changed. reason: "forget" or "retention". */
int store_client_erase(store *s, int64_t id, const char *today, const char *reason, diag *d);

/* Overwrites freed pages: VACUUM (outside a transaction). */
int store_vacuum(store *s, diag *d);

/* Appends everything the store holds on client id as XML
 * (urn:zorgdoc:client-export:1, schema/client-export.rng) to out:
 * personal data, guardians, treatments with notes, consents, invoices,
 * documents and the audit rows about the client. `today` is the export
 * date. controller (borrowed, may be NULL) is the practice that holds
 * the data: its name, address, contact and KvK go into <controller>. */
int store_client_export(store *s, int64_t id, const char *today,
    const store_practice *controller, buf *out, diag *d);

/* ---- breach register (breach.c) -------------------------------------- */

/* A data breach (AVG art. 33(5)). Dates are YYYY-MM-DD or
 * YYYY-MM-DDTHH:MM. ap / informed: a date, "no" (with a reason) or
 * "pending". */
typedef struct {
	int64_t id;
	const char *found, *occurred;  /* occurred may be NULL: unknown */
	const char *nature, *data;
	int64_t affected;
	const char *consequences, *measures;
	const char *ap, *ap_reason;
	const char *informed, *informed_reason;
	const char *created, *user;    /* output only */
} store_breach;

/* A dated addendum; ap/informed NULL: unchanged. */
typedef struct {
	int64_t id, breach_id;
	const char *date, *text;
	const char *ap, *ap_reason;
	const char *informed, *informed_reason;
	const char *created, *user;    /* output only */
} store_breach_addendum;

/* Checks a breach's fields; NULL or a static message and the field's
 * name in *field. */
const char *store_breach_check(const store_breach *b, const char **field);
/* Records a breach (inside the open transaction); its id in *id. */
int store_breach_add(store *s, const store_breach *b, int64_t *id, diag *d);
/* Records an addendum to breach a->breach_id. */
int store_breach_amend(store *s, const store_breach_addendum *a, int64_t *id, diag *d);
typedef int (*store_breach_fn)(void *ud, const store_breach *b,
    const store_breach_addendum *adds, size_t nadds);
/* Calls fn for every breach in order with its addenda (borrowed). */
int store_breach_each(store *s, store_breach_fn fn, void *ud, diag *d);

/* Minutes since 1970 of a breach date (YYYY-MM-DD[THH:MM]); a date
 * alone counts as 00:00 when end_of_day is 0, else 23:59. -1 if bad. */
int64_t store_breach_minutes(const char *s, int end_of_day);

#endif
