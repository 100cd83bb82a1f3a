/* store — the dossier store: clients, treatments, invoices and credit
 * notes, consents, generated documents and the audit log, in one SQLite
 * file. This is the only module that talks to SQLite; no sqlite3 handle
 * leaves it, so encryption at rest (SQLCipher, a later issue) changes
 * nothing outside src/store/. See docs/store.md for the schema.
 *
 * In: a path (created on first use, mode 0600) and values from commands.
 * Out: records as plain C structs the caller owns.
 *
 * Every change happens inside a write transaction (store_begin ...
 * store_commit, BEGIN IMMEDIATE), which a command opens once; invoices
 * are the exception: store_invoice_create/_credit/_batch manage their own
 * transactions so that a number and its snapshot are committed together.
 *
 * Status codes: functions return STORE_OK (0), STORE_EINPUT (-1: the
 * input was refused, exit 1) or STORE_EDB (-2: the store failed or is
 * busy, exit 3), with a message in the diag. Messages name records by id
 * and fields by name, never personal data. */
#ifndef ZORGDOC_STORE_H
#define ZORGDOC_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "../base/diag.h"

enum { STORE_OK = 0, STORE_EINPUT = -1, STORE_EDB = -2 };

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 3

typedef struct store store;

/* ---- the passphrase (encryption at rest, docs/store.md) ---------------- */

/* Why a passphrase is wanted: to open an existing store, to create a new
 * one (a prompt asks twice), or as the new passphrase of store_rekey /
 * store_encrypt (also asked twice). */
typedef enum {
	STORE_PASS_OPEN,
	STORE_PASS_CREATE,
	STORE_PASS_NEW,
	STORE_PASS__MAX
} store_pass_why;

/* Gives a passphrase in *out (owned; the store wipes and frees it).
 * Returns 0, or -1 with an error in d (no passphrase to be had). */
typedef int (*store_passphrase_fn)(void *ud, store_pass_why why, char **out, diag *d);

/* Registers the process's passphrase source (the commands register
 * theirs: --passphrase-file, $ZORGDOC_PASSPHRASE, a terminal prompt).
 * Without one, $ZORGDOC_PASSPHRASE (and $ZORGDOC_NEW_PASSPHRASE for
 * STORE_PASS_NEW) are read. NULL restores that default. */
void store_set_passphrase_fn(store_passphrase_fn fn, void *ud);

/* The smallest passphrase length accepted for a new store or rekey. */
#define STORE_PASSPHRASE_MIN 8

/* Flags of store_open_ex. */
enum {
	STORE_OPEN_READONLY = 1,  /* never create, migrate or write (check) */
};

/* Opens (creating it, mode 0600, when missing) the store at path and
 * migrates it forward. Returns an owned store, or NULL with an error
 * (always a store error: exit 3). A store from a newer zorgdoc is
 * refused. The busy timeout is $ZORGDOC_BUSY_TIMEOUT ms (default 10000). */
store *store_open(const char *path, diag *d);
/* store_open with flags (STORE_OPEN_READONLY: a missing store is an
 * error, and an older schema is left as it is). */
store *store_open_ex(const char *path, int flags, diag *d);
/* Closes the store (rolling back an open transaction). NULL-safe. */
void store_free(store *s);
/* The schema version of the open store. */
int store_schema_version(store *s);

/* Starts the command's write transaction (BEGIN IMMEDIATE). A second
 * writer waits up to the busy timeout, then gets "store is busy". */
int store_begin(store *s, diag *d);
/* Commits it. */
int store_commit(store *s, diag *d);
/* Rolls it back (no-op without a transaction). */
void store_rollback(store *s);

/* ---- the store itself: backup, check, rekey, encrypt ------------------ */

/* Writes a consistent copy of the open store to dest through SQLite's
 * online backup (other processes may go on writing): encrypted with the
 * same key (the same passphrase opens it), mode 0600, checked
 * (quick_check) and only then put in place atomically. An existing dest
 * is refused unless force; dest never becomes the store itself. */
int store_backup(store *s, const char *dest, int force, diag *d);

typedef struct {
	int schema_version;
	int test_key_format;   /* made with the test-only cheap key derivation */
	int integrity_ok;      /* PRAGMA integrity_check said "ok" */
	size_t series;         /* number series (per series and year) checked */
	size_t invoices;       /* invoices whose snapshot hash was checked */
	size_t problems;
} store_verify_stats;

/* Called once per problem found; the message names tables, row ids,
 * invoice numbers and counts, never personal data (borrowed). */
typedef void (*store_problem_fn)(void *ud, const char *problem);

/* Checks the store: integrity (and SQLCipher's page HMACs), foreign
 * keys, invoice numbers without gaps or duplicates per
 * series and year, snapshots against their SHA-256, lines against
 * totals. Returns STORE_OK with the findings in *st (problems == 0:
 * clean). Open the store with STORE_OPEN_READONLY to leave it as is. */
int store_verify(store *s, store_problem_fn fn, void *ud, store_verify_stats *st, diag *d);

/* Re-encrypts the store under a new passphrase (STORE_PASS_NEW) and a
 * new salt, in the production key format: a full copy is written,
 * checked and renamed over the file while the store's write lock is
 * held, so a crash leaves the old or the new file, never half of one.
 * Another process that had the store open gets "the store was replaced"
 * at its next change. Afterwards s serves only store_free. */
int store_rekey(store *s, diag *d);

/* Converts the unencrypted store at path (made by a zorgdoc before
 * encryption) into an encrypted one with a new passphrase
 * (STORE_PASS_CREATE), in place and atomically; the old plain file's
 * blocks are overwritten with zeros (best effort: the disk may keep
 * copies). Not a plain zorgdoc store: STORE_EINPUT. */
int store_encrypt_file(const char *path, diag *d);

/* ---- clients --------------------------------------------------------- */

typedef enum {
	STORE_CF_REF,           /* the practice's own client number */
	STORE_CF_NAME,
	STORE_CF_STREET,        /* street and house number */
	STORE_CF_POSTCODE,
	STORE_CF_CITY,
	STORE_CF_COUNTRY,       /* empty: the Netherlands */
	STORE_CF_BIRTH_DATE,
	STORE_CF_EMAIL,
	STORE_CF_PHONE,
	STORE_CF_INSURER,
	STORE_CF_POLICY_NUMBER,
	STORE_CF_BSN,
	STORE_CF__MAX
} store_client_field;

typedef struct {
	int64_t id;
	char *v[STORE_CF__MAX];  /* NULL when not set */
	char **guardians;        /* parents/guardians of a minor, in order */
	size_t nguardians;
	char *erased;            /* YYYY-MM-DD the personal data were erased
	                            (client forget, retention purge), or NULL;
	                            read only: add and update ignore it */
} store_client;

/* The field's name as used on the command line (--birth-date takes
 * "birth_date" with '_' as '-'), in CSV headers and in the schema. */
const char *store_client_field_name(store_client_field f);
/* Looks a field up by name ('-' and '_' alike); -1 when unknown. */
int store_client_field_lookup(const char *name);
/* Checks and normalises a value for a field (e.g. postcode "1234ab" ->
 * "1234 AB"). Returns NULL and sets *norm (owned, free()) when good, or a
 * static message saying what is wrong (never quoting the value). */
const char *store_client_field_check(store_client_field f, const char *value, char **norm);

/* 1 when a client's country (NULL: not given) is the Netherlands, whose
 * postcodes are checked ("1234 AB"); others are free text. */
int store_country_is_nl(const char *country);

/* Checks every field of c as store_client_add/_update would, without a
 * store: STORE_OK, or STORE_EINPUT with one error per bad field. Lets a
 * command refuse its input before it opens (or creates) the store. */
int store_client_check(const store_client *c, diag *d);
/* Adds a client (id ignored); returns the new id in *id. */
int store_client_add(store *s, const store_client *c, int64_t *id, diag *d);
/* Replaces every field (and the guardians) of client c->id. */
int store_client_update(store *s, const store_client *c, diag *d);
/* Loads client id into *out (owned; store_client_free). Unknown id:
 * STORE_EINPUT. */
int store_client_load(store *s, int64_t id, store_client **out, diag *d);
/* Finds a client by the practice's own number; STORE_EINPUT if none. */
int store_client_find_ref(store *s, const char *ref, int64_t *id, diag *d);
/* Calls fn for every client in id order, erased ones included (c->erased
 * set; the client is borrowed for the call); a non-zero return from fn
 * stops and is returned. */
typedef int (*store_client_fn)(void *ud, const store_client *c);
int store_client_each(store *s, store_client_fn fn, void *ud, diag *d);
/* Frees a client and its strings. NULL-safe. */
void store_client_free(store_client *c);
/* Returns a new empty client (owned). */
store_client *store_client_new(void);

/* ---- PDF passwords of clients ----------------------------------------- */

/* Length of a PDF password: 5 groups of 4, joined by '-'. */
#define STORE_PASSWORD_LEN 24

/* Writes a fresh random password (libsodium randombytes, 99 bits; never
 * derived from anything) into out. */
void store_password_new(char out[STORE_PASSWORD_LEN + 1]);

/* Makes, stores and returns (*pw, owned; wipe it) a new random PDF
 * password for the client, inside the open write transaction, with an
 * audit entry (never the password). A client that has one already:
 * STORE_EINPUT unless replace. Unknown client: STORE_EINPUT. */
int store_client_password_generate(store *s, int64_t client_id, int replace, char **pw, diag *d);

/* Returns the client's PDF password in *pw (owned; wipe it). None:
 * STORE_EINPUT with a message naming the client id and how to make one.
 * Callers that show it to a person add an audit entry (store_audit). */
int store_client_password_get(store *s, int64_t client_id, char **pw, diag *d);

/* The PDF password of the client of invoice `number` (as above; unknown
 * number: STORE_EINPUT). */
int store_invoice_password(store *s, const char *number, char **pw, diag *d);

/* Calls fn with the id of every client without a PDF password who has
 * uninvoiced treatments in period (YYYY-MM) or an invoice of that period
 * (what `invoice batch --protect` would render), in id order. Non-zero
 * from fn stops and is returned. */
typedef int (*store_id_fn)(void *ud, int64_t id);
int store_client_password_missing(store *s, const char *period, store_id_fn fn, void *ud, diag *d);

/* ---- tariffs and treatments ------------------------------------------ */

/* VAT treatment the practice declares for a tariff (never decided here). */
typedef enum {
	STORE_VAT_EXEMPT,    /* art. 11 lid 1 onderdeel g Wet OB */
	STORE_VAT_STANDARD,  /* 21 % */
	STORE_VAT_KOR,       /* kleineondernemersregeling: no VAT charged */
	STORE_VAT__MAX
} store_vat;

/* "exempt", "standard", "kor" (as in practice.xml). */
const char *store_vat_name(store_vat v);
/* Parses those names (also "vrijgesteld", "21", "21%"); -1 if none. */
int store_vat_lookup(const char *name);

/* A tariff as the practice model gives it (all borrowed). */
typedef struct {
	const char *id;
	const char *prestatiecode;
	const char *description;
	int64_t amount_cents;  /* what the client pays, VAT included */
	store_vat vat;
	int minutes;           /* usual duration, 0 when not given */
} store_tariff;

typedef struct {
	int64_t id, client_id;
	char date[11];           /* YYYY-MM-DD */
	int duration_min;        /* 0 when not recorded */
	char *tariff_id, *prestatiecode, *description;
	int64_t amount_cents;
	store_vat vat;
	char *note;              /* clinical note (input of _add only) */
	char *invoice_number;    /* output: the invoice that bills it, or NULL */
} store_treatment;

/* Adds a treatment (strings copied; the note goes to its own table). */
int store_treatment_add(store *s, const store_treatment *t, int64_t *id, diag *d);

typedef struct {
	int64_t client_id;       /* 0: all */
	const char *period;      /* YYYY-MM or NULL */
	int uninvoiced_only;
} store_treatment_filter;

/* Calls fn for every matching treatment by date, then id (borrowed;
 * note is NULL). Non-zero from fn stops and is returned. */
typedef int (*store_treatment_fn)(void *ud, const store_treatment *t);
int store_treatment_each(store *s, const store_treatment_filter *f,
    store_treatment_fn fn, void *ud, diag *d);
/* Loads treatment id with its note; owned, store_treatment_free. */
int store_treatment_load(store *s, int64_t id, store_treatment **out, diag *d);
void store_treatment_free(store_treatment *t);

/* ---- invoices -------------------------------------------------------- */

/* What invoicing needs from the practice model (all borrowed). The
 * snapshot freezes these values; NULL means not given. */
typedef struct {
	const char *source;          /* practice file name, for messages */
	const char *name, *therapist, *legal_form;
	const char *street, *postcode, *city, *country;
	const char *email, *phone, *website;
	const char *kvk, *agb_practice, *agb_therapist;
	const char *association, *membership, *rbcz;
	const char *iban, *bic, *account_holder, *vat_number;
	const char *number_pattern;  /* e.g. "{year}-{seq:04}" */
	const char *credit_pattern;  /* credit notes' own series, or NULL: the
	                                invoices' series */
	int payment_term_days;
	/* What the zorgnota shows of the client beyond name, address and
	 * birth date (the snapshot holds only what the invoice shows). */
	int show_bsn, show_insurer, show_policy_number, show_duration;
	/* How the zorgnota looks (snapshotted too, so an old invoice keeps
	 * its look): language "nl"/"en" (NULL: nl), form of address "u"/"je"
	 * (NULL: u), brand colour "#rrggbb" (NULL: the default), typeface
	 * "sans"/"serif" (NULL: sans, and not written), and whether it
	 * carries an EPC payment QR code. */
	const char *lang, *address_form, *colour, *font;
	int payment_qr;
	/* The logo frozen for the snapshot: a JPEG in base64 (NULL: none;
	 * see billing_freeze_logo). */
	const char *logo_jpeg_b64;
} store_practice;

typedef struct {
	const char *date;    /* invoice date YYYY-MM-DD (required) */
	const char *period;  /* YYYY-MM, or NULL for every uninvoiced treatment */
	size_t chunk;        /* batch: invoices per transaction (0: 128;
	                        $ZORGDOC_BATCH_CHUNK wins) */
} store_invoice_opts;

/* Formats an invoice number from a pattern with {year}, {seq} and
 * {seq:0N}. Returns an owned string, or NULL with a static message in
 * *err (a pattern without {year} and {seq} is refused: numbers are per
 * year). */
char *store_number_format(const char *pattern, int year, int64_t seq, const char **err);

/* Checks that client_id can be invoiced for its uninvoiced treatments
 * (in the period): every required field of the practice, the client and
 * each treatment. Returns STORE_OK, STORE_EINPUT with one error per
 * missing field, or STORE_EDB. Numbers nothing. */
int store_invoice_preflight(store *s, const store_practice *p, int64_t client_id,
    const store_invoice_opts *o, diag *d);

/* Issues one invoice for the client's uninvoiced treatments (in the
 * period) in its own transaction: pre-flight, next number of the year,
 * snapshot, lines, all committed together. *number is owned by the
 * caller. No treatments to invoice: STORE_EINPUT. */
int store_invoice_create(store *s, const store_practice *p, int64_t client_id,
    const store_invoice_opts *o, char **number, diag *d);

/* Issues a credit note for invoice `number`: its own number, the
 * original's number, the lines negated; the treatments become
 * uninvoiced again, so that a corrected invoice can be made. */
int store_invoice_credit(store *s, const store_practice *p, const char *number,
    const store_invoice_opts *o, char **credit_number, diag *d);

/* Called after each commit of a batch, once per invoice issued in it
 * (number borrowed). Rendering hooks in here (invoice batch -o DIR).
 * Non-zero stops the batch (what was committed stays). */
typedef int (*store_issued_fn)(void *ud, const char *number, int64_t client_id,
    size_t done, size_t total);

typedef struct {
	size_t candidates;  /* clients with uninvoiced treatments at the start */
	size_t issued;
	size_t skipped;     /* already invoiced meanwhile (another process) */
	size_t erased;      /* clients with uninvoiced treatments in the period
	                       left out: their personal data were erased */
} store_batch_stats;

/* One invoice per client with uninvoiced treatments in o->period, except
 * erased clients (counted in stats->erased). All clients are
 * pre-flighted first: any refusal numbers nothing. Invoices
 * are then committed in small transactions (each invoice's number,
 * snapshot and lines together), so a killed batch loses nothing and a
 * rerun or a concurrent batch issues no second invoice. */
int store_invoice_batch(store *s, const store_practice *p, const store_invoice_opts *o,
    store_issued_fn fn, void *ud, store_batch_stats *stats, diag *d);

typedef struct {
	int64_t id;
	char *number, *kind, *date, *due_date, *period;  /* kind: invoice|credit */
	int64_t client_id;
	int64_t total_cents, vat_cents;
	int nlines;
	char *credits;      /* credit note: the original's number */
	char *credited_by;  /* invoice: its credit note's number, if any */
	char *sha256;       /* hex SHA-256 of the snapshot */
	char *client_ref;   /* the practice's client number as on the invoice
	                       (from its snapshot), or NULL when it has none */
} store_invoice;

typedef struct {
	int64_t client_id;   /* 0: all */
	const char *period;  /* YYYY-MM of the invoice date, or NULL */
} store_invoice_filter;

/* Calls fn for every matching invoice in order of issue (borrowed). */
typedef int (*store_invoice_fn)(void *ud, const store_invoice *inv);
int store_invoice_each(store *s, const store_invoice_filter *f,
    store_invoice_fn fn, void *ud, diag *d);
/* Returns the frozen snapshot XML of invoice `number` in *xml (owned,
 * NUL-terminated) and its length. Unknown number: STORE_EINPUT. */
int store_invoice_snapshot(store *s, const char *number, char **xml, size_t *len, diag *d);

/* ---- consents, documents, audit -------------------------------------- */

typedef struct {
	int64_t id, client_id;
	const char *what;              /* what was consented to */
	const char *given_by;          /* the client, or a parent/guardian */
	const char *date;              /* YYYY-MM-DD */
	const char *document_kind;     /* e.g. privacyverklaring (optional) */
	const char *document_version;  /* its version (optional) */
	const char *withdrawn;         /* date, or NULL */
} store_consent;

/* Records a consent; returns its id. */
int store_consent_add(store *s, const store_consent *c, int64_t *id, diag *d);
/* Calls fn for each consent of a client (0: all) by date (borrowed). */
typedef int (*store_consent_fn)(void *ud, const store_consent *c);
int store_consent_each(store *s, int64_t client_id, store_consent_fn fn, void *ud, diag *d);

typedef struct {
	const char *kind;          /* zorgnota, privacyverklaring, ... */
	const char *version;       /* document/policy version */
	const char *input_sha256;  /* hash of everything that went in */
	const char *path;          /* where it was written (may be NULL) */
	const char *date;          /* YYYY-MM-DD */
	int64_t invoice_id;        /* 0 when none */
	int64_t client_id;         /* 0 when none */
} store_document;

/* Records a generated document; returns its id. */
int store_document_add(store *s, const store_document *doc, int64_t *id, diag *d);
/* Calls fn for each document recorded for a client (0: all) in order of
 * recording (borrowed; path and version may be NULL). */
typedef int (*store_document_fn)(void *ud, const store_document *doc);
int store_document_each(store *s, int64_t client_id, store_document_fn fn, void *ud, diag *d);

/* Appends an audit entry (inside the open transaction): who (the OS user
 * or $ZORGDOC_USER), when (UTC), action, entity and record id — never
 * content. The store's own functions call this for every change. */
int store_audit(store *s, const char *action, const char *entity, int64_t record_id, diag *d);

typedef struct {
	const char *at, *user, *action, *entity;
	int64_t record_id;
} store_audit_entry;
typedef int (*store_audit_fn)(void *ud, const store_audit_entry *e);
/* Calls fn for each audit entry in order (borrowed). */
int store_audit_each(store *s, store_audit_fn fn, void *ud, diag *d);

#endif
