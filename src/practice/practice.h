/* practice — the practice model (practice.xml, schema/practice.rng):
 * loading, validation, semantic checks, legal lint, and the few accessors
 * the store and invoice code need.
 *
 * In: a file path. practice_load parses it through xmlsafe (hardened:
 * no DOCTYPE, no entities, no network, size and depth caps), validates it
 * against schema/practice.rng and checks meaning (ids unique, references
 * resolve, dates real, IBAN mod 97, KvK/AGB 8 digits, postcodes, e-mail).
 * All problems are reported at once into the diag as errors with
 * file:line:col; nothing from the file is quoted beyond ids and element
 * names. practice_lint adds legal findings (GDPR, WGBO, Wkkgz): blocking
 * ones and advice.
 *
 * Ownership: practice_load returns an owned object freed by practice_free
 * (NULL-safe). Every pointer an accessor returns is borrowed and lives as
 * long as the practice. */
#ifndef ZORGDOC_PRACTICE_H
#define ZORGDOC_PRACTICE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "../base/diag.h"

/* The namespace of model version 1. */
#define PRACTICE_NS "urn:zorgdoc:practice:1"
#define PRACTICE_MODEL_VERSION 1

typedef struct practice practice;

typedef enum {
	PRACTICE_VAT_EXEMPT,   /* art. 11(1)(g) Wet OB */
	PRACTICE_VAT_STANDARD, /* 21 % */
	PRACTICE_VAT_KOR,      /* small-business scheme: no VAT charged */
	PRACTICE_VAT__MAX
} practice_vat;

typedef struct {
	const char *id;
	const char *prestatiecode; /* NULL when the tariff has none */
	const char *description;
	long long amount_cents;
	int minutes;               /* 0 when not given */
	practice_vat vat;
} practice_tariff;

/* Identity fields; optional ones are NULL when absent. */
typedef struct {
	const char *name, *legal_form, *tagline;
	const char *owner_name, *owner_role, *owner_capacity;
	const char *street, *postcode, *city, *country;
	const char *email, *phone, *website;
	const char *kvk, *agb_practice, *agb_therapist, *iban, *bic, *vat_number;
	const char *account_holder; /* NULL: the practice name */
	/* the first association and register, if any */
	const char *association_name, *association_abbr, *association_number;
	const char *register_name, *register_abbr, *register_number;
	const char *logo_file; /* as written, relative to the practice file */
	const char *colour;    /* "#rrggbb" or NULL */
	const char *font;      /* branding/@font: "sans", "serif" or NULL (sans) */
} practice_identity;

typedef struct {
	const char *version;
	const char *effective; /* YYYY-MM-DD */
	const char *address;   /* "u" or "je" */
} practice_policy;

/* Which optional client fields the zorgnota shows (zorgnota/field). */
typedef struct {
	int bsn, insurer, policy_number, duration, birthdate;
} practice_zorgnota;

typedef struct {
	const char *number_pattern; /* e.g. "{year}-{seq:04}" */
	const char *credit_pattern; /* NULL: same series as invoices */
	int payment_days;
	int payment_qr;             /* 1: an EPC payment QR code on the zorgnota */
} practice_invoicing;

/* Loads and checks a practice file. Returns an owned practice, or NULL
 * with every problem found reported as an error in d. */
practice *practice_load(const char *path, diag *d);
/* Adds the legal findings (each naming element, line, what the law asks
 * and what to change) to d: blocking ones as warnings, advice as notes.
 * Returns the number of blocking findings. */
int practice_lint(const practice *p, diag *d);
/* Adds only the blocking findings (a final document would state a
 * violation or contradict itself) to d at severity sev. Returns their
 * number; 0 means the documents may be made as final. */
int practice_lint_blocking(const practice *p, diag_severity sev, diag *d);
/* Releases p. NULL-safe. */
void practice_free(practice *p);

/* Returns the parsed document (borrowed; for XSLT). */
xmlDocPtr practice_doc(const practice *p);
/* Returns the path the practice was loaded from (borrowed). */
const char *practice_path(const practice *p);
/* Returns the identity fields (borrowed). */
const practice_identity *practice_identity_get(const practice *p);
/* Returns the policy version, date and form of address (borrowed). */
const practice_policy *practice_policy_get(const practice *p);
/* Returns the invoicing settings (borrowed), or NULL when the file has
 * no <invoicing>. */
const practice_invoicing *practice_invoicing_get(const practice *p);
/* Returns which optional fields the zorgnota shows (borrowed; all 0
 * when the file has no <zorgnota>). */
const practice_zorgnota *practice_zorgnota_get(const practice *p);
/* Returns the number of tariffs and the i-th one (borrowed). */
size_t practice_tariff_count(const practice *p);
const practice_tariff *practice_tariff_at(const practice *p, size_t i);
/* Returns the tariff with this id (borrowed), or NULL. */
const practice_tariff *practice_tariff_lookup(const practice *p, const char *id);

/* Formats an invoice number from a pattern ({year}, {seq}, {seq:0N}).
 * Returns an owned string (free()), or NULL if the pattern is invalid. */
char *practice_format_number(const char *pattern, int year, long seq);

#endif
