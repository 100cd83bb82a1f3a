/* store — opening the dossier store, its schema and forward migrations,
 * transactions, the audit log, consents and generated documents.
 *
 * The connection is set up as SECURITY.md asks: foreign_keys=ON,
 * journal_mode=DELETE (never WAL), synchronous=FULL, secure_delete=ON, a
 * busy timeout, BEGIN IMMEDIATE for writes. The SQL stays within what
 * SQLite 3.15 knows (the base of Debian's SQLCipher 3.4.1, which a later
 * issue puts behind this module): no STRICT, RETURNING, UPSERT or window
 * functions. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../base/buf.h"
#include "check.h"
#include "store_int.h"


/* migrations[i] brings a store from user_version i to i + 1. Never edit
 * a released step; add a new one. */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE clients ("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT UNIQUE,"
	"  name TEXT NOT NULL,"
	"  street TEXT, postcode TEXT, city TEXT, country TEXT,"
	"  birth_date TEXT, email TEXT, phone TEXT,"
	"  insurer TEXT, policy_number TEXT, bsn TEXT,"
	"  created TEXT NOT NULL,"
	"  updated TEXT NOT NULL,"
	"  content_changed TEXT NOT NULL);"
	"CREATE TABLE guardians ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  UNIQUE (client_id, position));"
	"CREATE TABLE treatments ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients(id),"
	"  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
	"  duration_min INTEGER NOT NULL DEFAULT 0 CHECK (duration_min >= 0),"
	"  tariff_id TEXT NOT NULL,"
	"  prestatiecode TEXT,"
	"  description TEXT,"
	"  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),"
	"  vat TEXT NOT NULL CHECK (vat IN ('exempt', 'standard', 'kor')),"
	"  invoice_id INTEGER REFERENCES invoices(id),"
	"  created TEXT NOT NULL);"
	"CREATE INDEX treatments_by_date ON treatments (date, client_id);"
	"CREATE INDEX treatments_by_client ON treatments (client_id, date);"
	"CREATE INDEX treatments_by_invoice ON treatments (invoice_id);"
	"CREATE TABLE treatment_notes ("
	"  treatment_id INTEGER PRIMARY KEY REFERENCES treatments(id) ON DELETE CASCADE,"
	"  note TEXT NOT NULL,"
	"  created TEXT NOT NULL);"
	"CREATE TABLE number_series ("
	"  series TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  last_seq INTEGER NOT NULL CHECK (last_seq >= 0),"
	"  last_date TEXT NOT NULL,"
	"  PRIMARY KEY (series, year));"
	"CREATE TABLE invoices ("
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL UNIQUE,"
	"  series TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit')),"
	"  client_id INTEGER NOT NULL REFERENCES clients(id),"
	"  credits_id INTEGER UNIQUE REFERENCES invoices(id),"
	"  date TEXT NOT NULL,"
	"  due_date TEXT NOT NULL,"
	"  period TEXT,"
	"  total_cents INTEGER NOT NULL,"
	"  vat_cents INTEGER NOT NULL,"
	"  nlines INTEGER NOT NULL,"
	"  snapshot BLOB NOT NULL,"
	"  snapshot_sha256 TEXT NOT NULL,"
	"  created TEXT NOT NULL,"
	"  UNIQUE (series, year, seq),"
	"  CHECK ((kind = 'credit') = (credits_id IS NOT NULL)));"
	"CREATE INDEX invoices_by_client ON invoices (client_id);"
	"CREATE TABLE invoice_lines ("
	"  invoice_id INTEGER NOT NULL REFERENCES invoices(id),"
	"  line_no INTEGER NOT NULL,"
	"  treatment_id INTEGER REFERENCES treatments(id),"
	"  date TEXT NOT NULL,"
	"  tariff_id TEXT,"
	"  prestatiecode TEXT NOT NULL,"
	"  description TEXT NOT NULL,"
	"  duration_min INTEGER NOT NULL,"
	"  amount_cents INTEGER NOT NULL,"
	"  vat TEXT NOT NULL,"
	"  PRIMARY KEY (invoice_id, line_no));"
	"CREATE INDEX invoice_lines_by_treatment ON invoice_lines (treatment_id);"
	/* An issued invoice is never changed: only a credit note corrects it.
	 * (Retention purges, a later issue, go through a migration that
	 * knows about these triggers.) */
	"CREATE TRIGGER invoices_frozen BEFORE UPDATE ON invoices"
	"  BEGIN SELECT RAISE(ABORT, 'issued invoices are never changed'); END;"
	"CREATE TRIGGER invoices_kept BEFORE DELETE ON invoices"
	"  BEGIN SELECT RAISE(ABORT, 'issued invoices are never deleted'); END;"
	"CREATE TRIGGER invoice_lines_frozen BEFORE UPDATE ON invoice_lines"
	"  BEGIN SELECT RAISE(ABORT, 'issued invoices are never changed'); END;"
	"CREATE TRIGGER invoice_lines_kept BEFORE DELETE ON invoice_lines"
	"  BEGIN SELECT RAISE(ABORT, 'issued invoices are never deleted'); END;"
	"CREATE TRIGGER series_forward BEFORE UPDATE ON number_series"
	"  WHEN NEW.last_seq <= OLD.last_seq"
	"  BEGIN SELECT RAISE(ABORT, 'invoice numbers are never reused'); END;"
	"CREATE TABLE consents ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients(id),"
	"  what TEXT NOT NULL,"
	"  given_by TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  document_kind TEXT,"
	"  document_version TEXT,"
	"  withdrawn TEXT,"
	"  created TEXT NOT NULL);"
	"CREATE INDEX consents_by_client ON consents (client_id);"
	"CREATE TABLE documents ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  version TEXT,"
	"  input_sha256 TEXT NOT NULL,"
	"  path TEXT,"
	"  date TEXT NOT NULL,"
	"  invoice_id INTEGER REFERENCES invoices(id),"
	"  client_id INTEGER REFERENCES clients(id),"
	"  created TEXT NOT NULL);"
	"CREATE INDEX documents_by_invoice ON documents (invoice_id);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  user TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  record_id INTEGER);",
	/* 1 -> 2: each client's random PDF password (invoice render
	 * --protect), kept so a protected zorgnota can be made again. */
	"CREATE TABLE client_passwords ("
	"  client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,"
	"  password TEXT NOT NULL,"
	"  created TEXT NOT NULL);",
	/* 2 -> 3: rights (retention, erasure, access, audit of reads, the
	 * breach register; docs/store.md). */
	"ALTER TABLE clients ADD COLUMN erased TEXT;"
	"ALTER TABLE treatments ADD COLUMN purged_invoice TEXT;"
	"ALTER TABLE audit ADD COLUMN client_id INTEGER;"
	"ALTER TABLE audit ADD COLUMN detail TEXT;"
	"UPDATE audit SET client_id = CASE entity"
	"  WHEN 'client' THEN record_id"
	"  WHEN 'treatment' THEN (SELECT client_id FROM treatments WHERE id = audit.record_id)"
	"  WHEN 'invoice' THEN (SELECT client_id FROM invoices WHERE id = audit.record_id)"
	"  WHEN 'consent' THEN (SELECT client_id FROM consents WHERE id = audit.record_id)"
	"  WHEN 'document' THEN (SELECT client_id FROM documents WHERE id = audit.record_id)"
	"  WHEN 'client_password' THEN record_id"
	"  END;"
	"CREATE INDEX audit_by_client ON audit (client_id);"
	"CREATE INDEX documents_by_client ON documents (client_id);"
	/* A row here (inserted and deleted again inside the purge's own
	 * transaction, never committed) is what lets the triggers below
	 * allow a deletion: only `zorgdoc retention purge` does that. */
	"CREATE TABLE purging (one INTEGER PRIMARY KEY CHECK (one = 1));"
	/* The numbers of purged invoices (numbers only): with the invoices
	 * they account for every number a series ever gave out, so `store
	 * check` still proves the series gapless after a purge. */
	"CREATE TABLE purged_numbers ("
	"  series TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  PRIMARY KEY (series, year, seq));"
	"DROP TRIGGER invoices_kept;"
	"DROP TRIGGER invoice_lines_kept;"
	"CREATE TRIGGER invoices_kept BEFORE DELETE ON invoices"
	"  WHEN NOT EXISTS (SELECT 1 FROM purging)"
	"  BEGIN SELECT RAISE(ABORT, 'issued invoices are never deleted, except by a retention purge'); END;"
	"CREATE TRIGGER invoice_lines_kept BEFORE DELETE ON invoice_lines"
	"  WHEN NOT EXISTS (SELECT 1 FROM purging)"
	"  BEGIN SELECT RAISE(ABORT, 'issued invoices are never deleted, except by a retention purge'); END;"
	"CREATE TRIGGER audit_frozen BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;"
	"CREATE TRIGGER audit_kept BEFORE DELETE ON audit"
	"  WHEN NOT EXISTS (SELECT 1 FROM purging)"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is never changed'); END;"
	"CREATE TABLE breaches ("
	"  id INTEGER PRIMARY KEY,"
	"  found TEXT NOT NULL,"
	"  occurred TEXT,"
	"  nature TEXT NOT NULL,"
	"  data TEXT NOT NULL,"
	"  affected INTEGER NOT NULL CHECK (affected >= 0),"
	"  consequences TEXT NOT NULL,"
	"  measures TEXT NOT NULL,"
	"  ap TEXT NOT NULL,"
	"  ap_reason TEXT,"
	"  informed TEXT NOT NULL,"
	"  informed_reason TEXT,"
	"  created TEXT NOT NULL,"
	"  user TEXT NOT NULL);"
	"CREATE TABLE breach_addenda ("
	"  id INTEGER PRIMARY KEY,"
	"  breach_id INTEGER NOT NULL REFERENCES breaches(id),"
	"  date TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  ap TEXT,"
	"  ap_reason TEXT,"
	"  informed TEXT,"
	"  informed_reason TEXT,"
	"  created TEXT NOT NULL,"
	"  user TEXT NOT NULL);"
	"CREATE INDEX breach_addenda_by_breach ON breach_addenda (breach_id, id);"
	"CREATE TRIGGER breaches_frozen BEFORE UPDATE ON breaches"
	"  BEGIN SELECT RAISE(ABORT, 'breach entries are never changed: add an addendum'); END;"
	"CREATE TRIGGER breaches_kept BEFORE DELETE ON breaches"
	"  BEGIN SELECT RAISE(ABORT, 'breach entries are never deleted'); END;"
	"CREATE TRIGGER breach_addenda_frozen BEFORE UPDATE ON breach_addenda"
	"  BEGIN SELECT RAISE(ABORT, 'breach entries are never changed: add an addendum'); END;"
	"CREATE TRIGGER breach_addenda_kept BEFORE DELETE ON breach_addenda"
	"  BEGIN SELECT RAISE(ABORT, 'breach entries are never deleted'); END;",
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
    "one migration per schema version");

int
st_fail(store *s, diag *d, const char *what)
{
	int code = s && s->db ? sqlite3_errcode(s->db) : SQLITE_ERROR;
	const char *path = s && s->path ? s->path : NULL;
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		diag_error(d, path, 0, 0, "store is busy: another zorgdoc is using it "
		    "(waited %d ms); try again", s ? s->busy_ms : 0);
		break;
	case SQLITE_NOTADB:
		/* SQLCipher cannot tell a wrong key from a damaged file. */
		diag_error(d, path, 0, 0, "wrong passphrase or not a zorgdoc store (or the file "
		    "is damaged; SQLite error 26)");
		break;
	case SQLITE_CORRUPT:
		diag_error(d, path, 0, 0, "the store is damaged (SQLite error 11); "
		    "restore a backup");
		break;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		diag_error(d, path, 0, 0, "cannot write the store: %s (%s)",
		    s && s->db ? sqlite3_errmsg(s->db) : "open failed", what);
		break;
	case SQLITE_FULL:
		diag_error(d, path, 0, 0, "the disk is full; nothing was changed (%s)", what);
		break;
	case SQLITE_IOERR:
		/* a write refused by the system: most often a file-size limit
		 * (EFBIG) or a full disk; the rollback journal undoes the
		 * transaction */
		diag_error(d, path, 0, 0, "cannot write the store: input/output error (a full "
		    "disk or a file-size limit?); nothing was changed (%s)", what);
		break;
	default:
		/* SQLite's messages name tables and columns, never values. */
		diag_error(d, path, 0, 0, "store error while %s: %s", what,
		    s && s->db ? sqlite3_errmsg(s->db) : "unknown");
		break;
	}
	return STORE_EDB;
}

int
st_input(diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, DIAG_ERROR, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return STORE_EINPUT;
}

sqlite3_stmt *
st_prepare(store *s, const char *sql, diag *d)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		st_fail(s, d, "preparing a query");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

sqlite3_stmt *
st_prepare_kept(store *s, const char *sql, diag *d)
{
	size_t i;
	for (i = 0; i < s->nkept; i++)
		if (strcmp(s->kept[i].sql, sql) == 0)
			break;
	if (i < s->nkept && !s->kept[i].busy) {
		s->kept[i].busy = 1;
		return s->kept[i].st;
	}
	sqlite3_stmt *st = st_prepare(s, sql, d);
	/* in use already (a nested use of the same query): a fresh one,
	 * finalised by st_done */
	if (!st || i < s->nkept || s->nkept == ST_KEPT_MAX)
		return st;
	s->kept[s->nkept].sql = xstrdup(sql);
	s->kept[s->nkept].st = st;
	s->kept[s->nkept++].busy = 1;
	return st;
}

void
st_done(store *s, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < s->nkept; i++)
		if (s->kept[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			s->kept[i].busy = 0;
			return;
		}
	sqlite3_finalize(st);
}

void
st_kept_clear(store *s)
{
	for (size_t i = 0; i < s->nkept; i++) {
		sqlite3_finalize(s->kept[i].st);
		free(s->kept[i].sql);
	}
	s->nkept = 0;
}

void
st_xml_text(buf *b, const char *s, int keep_cr)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\r':
			if (keep_cr) {
				buf_puts(b, "&#13;");
				break;
			}
			/* fall through */
		default: buf_putc(b, *s); break;
		}
	}
}

int
st_exec(store *s, const char *sql, diag *d)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return st_fail(s, d, "updating the store");
	return STORE_OK;
}

void
st_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

char *
st_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

const char *
st_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

void
st_now(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
st_need_tx(store *s, diag *d)
{
	if (s->in_tx)
		return STORE_OK;
	diag_error(d, s->path, 0, 0, "internal error: a change outside a write transaction");
	return STORE_EDB;
}

static int
pragma_int(store *s, const char *sql, int *out, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, sql, d);
	if (!st)
		return STORE_EDB;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return st_fail(s, d, "reading the store's header");
	}
	*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return STORE_OK;
}

/* Checks the file is ours and not from a newer zorgdoc; sets
 * s->version. */
static int
check_version(store *s, diag *d)
{
	int appid, version;
	if (pragma_int(s, "PRAGMA application_id", &appid, d) != STORE_OK ||
	    pragma_int(s, "PRAGMA user_version", &version, d) != STORE_OK)
		return STORE_EDB;
	if (version > STORE_SCHEMA_VERSION)
		return diag_error(d, s->path, 0, 0, "the store was written by a newer zorgdoc "
		    "(schema version %d; this zorgdoc knows up to %d): refusing to touch it",
		    version, STORE_SCHEMA_VERSION), STORE_EDB;
	if (appid != 0 && appid != STORE_APP_ID)
		return diag_error(d, s->path, 0, 0, "not a zorgdoc store "
		    "(another program's SQLite database)"), STORE_EDB;
	if (s->readonly && appid != STORE_APP_ID)
		return diag_error(d, s->path, 0, 0, "not a zorgdoc store (an empty database)"),
		    STORE_EDB;
	s->version = version;
	return STORE_OK;
}

/* Checks the file is ours (or empty) and brings its schema forward. */
static int
migrate(store *s, diag *d)
{
	int version, ntables;
	if (check_version(s, d) != STORE_OK)
		return STORE_EDB;
	if (s->version == STORE_SCHEMA_VERSION)
		return STORE_OK;
	/* Migrate under the write lock; another process may have done it. */
	if (store_begin(s, d) != STORE_OK)
		return STORE_EDB;
	if (pragma_int(s, "PRAGMA user_version", &version, d) != STORE_OK ||
	    pragma_int(s, "SELECT count(*) FROM sqlite_master", &ntables, d) != STORE_OK)
		goto fail;
	if (version == 0 && ntables > 0) {
		diag_error(d, s->path, 0, 0, "not a zorgdoc store (a SQLite database with "
		    "other tables)");
		goto fail;
	}
	for (int v = version; v < NMIGRATIONS; v++) {
		if (st_exec(s, migrations[v], d) != STORE_OK)
			goto fail;
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if (st_exec(s, sql, d) != STORE_OK)
			goto fail;
	}
	if (version == 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", STORE_APP_ID);
		if (st_exec(s, sql, d) != STORE_OK)
			goto fail;
		char now[32];
		st_now(now);
		sqlite3_stmt *st = st_prepare(s, "INSERT INTO meta (key, value) VALUES "
		    "('created', ?1), ('created_by', ?2)", d);
		if (!st)
			goto fail;
		st_bind_text(st, 1, now);
		st_bind_text(st, 2, "zorgdoc " ZORGDOC_VERSION);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			st_fail(s, d, "creating the store");
			goto fail;
		}
	}
	if (store_commit(s, d) != STORE_OK)
		goto fail;
	s->version = NMIGRATIONS;
	return STORE_OK;
fail:
	store_rollback(s);
	return STORE_EDB;
}

/* Waits for a lock held by another process in 1 ms steps (SQLite's own
 * handler sleeps up to 100 ms at a time, so a waiter rarely catches the
 * short gap between a batch's transactions); gives up after busy_ms. */
static int
busy_wait(void *ud, int count)
{
	store *s = ud;
	if ((long long)count >= (long long)s->busy_ms)
		return 0;
	struct timespec ts = { 0, 1000000 };
	nanosleep(&ts, NULL);
	return 1;
}

void
st_yield(void)
{
	struct timespec ts = { 0, 2000000 };
	nanosleep(&ts, NULL);
}

int
st_exec_db(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int
st_connect(store *s, const char *fname, int flags, const unsigned char *salt,
    const unsigned char *key, sqlite3 **db)
{
	int rc = sqlite3_open_v2(fname, db, flags, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_extended_result_codes(*db, 0);
	sqlite3_busy_handler(*db, busy_wait, s);
	if (key && (rc = st_crypt_apply(*db, salt, key)) != SQLITE_OK)
		return rc;
	return SQLITE_OK;
}

/* The application_id in a plain SQLite file's header (offset 68). */
static uint32_t
plain_app_id(const char *fname)
{
	unsigned char h[72];
	uint32_t id = 0;
	FILE *fp = fopen(fname, "rb");
	if (fp && fread(h, 1, sizeof h, fp) == sizeof h)
		id = (uint32_t)h[68] << 24 | (uint32_t)h[69] << 16 | (uint32_t)h[70] << 8 | h[71];
	if (fp)
		fclose(fp);
	return id;
}

/* The stores this process has open: a second handle on the same file
 * takes the header from the first instead of opening and closing the
 * file itself, since closing any descriptor of a file drops every POSIX
 * lock the process holds on it (SQLite's own connections share theirs). */
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;
static store **open_stores;
static size_t nopen, capopen;

static void
registry_add(store *s)
{
	pthread_mutex_lock(&open_lock);
	if (nopen == capopen) {
		capopen = capopen ? 2 * capopen : 8;
		open_stores = xrealloc(open_stores, capopen * sizeof *open_stores);
	}
	open_stores[nopen++] = s;
	pthread_mutex_unlock(&open_lock);
}

static void
registry_remove(store *s)
{
	pthread_mutex_lock(&open_lock);
	for (size_t i = 0; i < nopen; i++)
		if (open_stores[i] == s) {
			open_stores[i] = open_stores[--nopen];
			break;
		}
	if (nopen == 0) {
		free(open_stores);
		open_stores = NULL;
		capopen = 0;
	}
	pthread_mutex_unlock(&open_lock);
}

static int
registry_salt(dev_t dev, ino_t ino, unsigned char salt[ST_SALT_BYTES])
{
	int found = 0;
	pthread_mutex_lock(&open_lock);
	for (size_t i = 0; i < nopen && !found; i++)
		if (open_stores[i]->dev == dev && open_stores[i]->ino == ino) {
			memcpy(salt, open_stores[i]->salt, ST_SALT_BYTES);
			found = 1;
		}
	pthread_mutex_unlock(&open_lock);
	return found;
}

/* Says why the file cannot be opened as an encrypted store, from what
 * its header shows; STORE_OK when it can. *creating is set for a new
 * (missing or empty) store. */
static int
classify(store *s, int flags, int *creating, diag *d)
{
	st_file_kind k = registry_salt(s->dev, s->ino, s->salt) ? ST_FILE_ZORGDOC
	    : st_crypt_probe(s->fname, s->salt);
	*creating = 0;
	switch (k) {
	case ST_FILE_MISSING:
		if (flags & STORE_OPEN_READONLY)
			return diag_error(d, s->path, 0, 0, "no store here (the file is missing or "
			    "empty)"), STORE_EDB;
		*creating = 1;
		if (st_crypt_new_salt(s->salt, st_crypt_test_kdf_wanted()) != 0)
			return diag_error(d, s->path, 0, 0, "no random source for the store's "
			    "salt"), STORE_EDB;
		return STORE_OK;
	case ST_FILE_ZORGDOC:
		return STORE_OK;
	case ST_FILE_PLAIN:
		if (plain_app_id(s->fname) == STORE_APP_ID)
			return diag_error(d, s->path, 0, 0, "this store is not encrypted (made by an "
			    "older zorgdoc): encrypt it first with 'zorgdoc store encrypt'"), STORE_EDB;
		return diag_error(d, s->path, 0, 0, "not a zorgdoc store (an unencrypted SQLite "
		    "database of another program)"), STORE_EDB;
	case ST_FILE_NEWER:
		return diag_error(d, s->path, 0, 0, "the store was written by a newer zorgdoc "
		    "(key format '%c'): refusing to touch it", s->salt[3] >= 0x21 &&
		    s->salt[3] < 0x7f ? s->salt[3] : '?'), STORE_EDB;
	case ST_FILE_OTHER:
	case ST_FILE__MAX:
		break;
	}
	return diag_error(d, s->path, 0, 0, "not a zorgdoc store, or the file is damaged"),
	    STORE_EDB;
}

/* 1 when a rollback journal is left beside the store: a writer stopped
 * half way (kill -9, power loss, a full disk). */
static int
hot_journal(const store *s)
{
	char *j = xasprintf("%s-journal", s->fname);
	struct stat sb;
	int hot = stat(j, &sb) == 0 && sb.st_size > 0;
	free(j);
	return hot;
}

/* A read-only connection cannot undo a half-done write ("attempt to
 * write a readonly database"): a read-write connection reads once, which
 * is how SQLite rolls the journal back to the last commit, and closes.
 * Nothing committed changes. */
static int
rollback_hot_journal(store *s, diag *d)
{
	sqlite3 *db = NULL;
	int rc = st_connect(s, s->fname, SQLITE_OPEN_READWRITE, s->salt, s->key, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		diag_error(d, s->path, 0, 0, "a change that was cut off half way cannot be "
		    "rolled back: %s", db ? sqlite3_errmsg(db) : "cannot open the store");
		sqlite3_close(db);
		return STORE_EDB;
	}
	sqlite3_close(db);
	return STORE_OK;
}

/* Keys and sets up s->db on s->fname; migrates unless read-only. */
static int
connect_store(store *s, int flags, int creating, diag *d)
{
	if (st_crypt_derive(s->path, s->salt, creating ? STORE_PASS_CREATE : STORE_PASS_OPEN,
	    s->key, d) != 0)
		return STORE_EDB;
	int oflags = (flags & STORE_OPEN_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if ((flags & STORE_OPEN_READONLY) && hot_journal(s) &&
	    rollback_hot_journal(s, d) != STORE_OK)
		return STORE_EDB;
	if (st_connect(s, s->fname, oflags, s->salt, s->key, &s->db) != SQLITE_OK)
		return st_fail(s, d, "opening the store");
	/* The first read decrypts page 1: a wrong key fails here, before
	 * anything is written. */
	int n;
	if (pragma_int(s, "SELECT count(*) FROM sqlite_master", &n, d) != STORE_OK)
		return STORE_EDB;
	st_crypt_remember(s->salt, s->key);
#ifdef SQLITE_DBCONFIG_DEFENSIVE
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
#endif
#ifdef SQLITE_DBCONFIG_TRUSTED_SCHEMA
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
#endif
	/* journal_mode returns a row; the others do not. */
	if (st_exec(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; "
	    "PRAGMA secure_delete = ON;", d) != STORE_OK)
		return STORE_EDB;
	if (!(flags & STORE_OPEN_READONLY) &&
	    st_exec(s, "PRAGMA journal_mode = DELETE;", d) != STORE_OK)
		return STORE_EDB;
	int fk;
	if (pragma_int(s, "PRAGMA foreign_keys", &fk, d) != STORE_OK)
		return STORE_EDB;
	if (fk != 1)
		return diag_error(d, s->path, 0, 0, "this SQLite cannot enforce foreign keys"),
		    STORE_EDB;
	if (flags & STORE_OPEN_READONLY)
		return check_version(s, d);
	return migrate(s, d);
}

store *
store_open(const char *path, diag *d)
{
	return store_open_ex(path, 0, d);
}

store *
store_open_ex(const char *path, int flags, diag *d)
{
	store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->readonly = (flags & STORE_OPEN_READONLY) != 0;
	s->busy_ms = 10000;
	const char *bt = getenv("ZORGDOC_BUSY_TIMEOUT");
	if (bt && *bt) {
		char *end;
		long v = strtol(bt, &end, 10);
		if (*end == '\0' && v >= 0 && v <= 3600000)
			s->busy_ms = (int)v;
	}
	if (!(s->key = st_crypt_key_new())) {
		diag_error(d, path, 0, 0, "out of memory for the store's key");
		goto fail;
	}
	/* Debian's SQLite reads "file:..." names as URIs (with options such
	 * as mode=memory): a store is always a plain file name. */
	s->fname = strncmp(path, "file:", 5) == 0 ? xasprintf("./%s", path) : xstrdup(path);
	/* Create the file ourselves so that it is 0600 from the start; SQLite
	 * gives its journal the same mode. */
	int made = 0;
	if (!(flags & STORE_OPEN_READONLY)) {
		int fd = open(s->fname, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd >= 0) {
			close(fd);
			made = 1;
		} else if (errno != EEXIST) {
			diag_error(d, path, 0, 0, "cannot create the store: %s", strerror(errno));
			goto fail;
		}
	}
	struct stat sb;
	if (lstat(s->fname, &sb) != 0) {
		diag_error(d, path, 0, 0, "no store here: %s", strerror(errno));
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		diag_error(d, path, 0, 0, "the store is not a regular file");
		goto fail;
	}
	s->dev = sb.st_dev;
	s->ino = sb.st_ino;
	/* Two processes may both find an empty file and make a header each:
	 * the one whose first write loses reads the other's page 1 with its
	 * own key and fails; it then opens the store the winner made. */
	for (int attempt = 0;; attempt++) {
		int creating;
		diag tmp = DIAG_INIT;
		int rc = classify(s, flags, &creating, &tmp);
		unsigned char mine[ST_SALT_BYTES];
		memcpy(mine, s->salt, sizeof mine);
		if (rc == STORE_OK)
			rc = connect_store(s, flags, creating, &tmp);
		if (rc == STORE_OK) {
			diag_move(d, &tmp);
			registry_add(s);
			break;
		}
		unsigned char now[ST_SALT_BYTES];
		if (creating && attempt == 0 && st_crypt_probe(s->fname, now) == ST_FILE_ZORGDOC &&
		    memcmp(now, mine, sizeof now) != 0) {
			diag_free(&tmp);
			if (s->in_tx)
				store_rollback(s);
			st_kept_clear(s);
			sqlite3_close(s->db);
			s->db = NULL;
			made = 0;
			continue;
		}
		diag_move(d, &tmp);
		goto fail_made;
	}
	return s;
fail_made:
	/* Leave no empty file behind when the store could not be made. */
	if (made && stat(s->fname, &sb) == 0 && sb.st_size == 0)
		unlink(s->fname);
fail:
	store_free(s);
	return NULL;
}

void
store_free(store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		store_rollback(s);
	registry_remove(s);
	st_kept_clear(s);
	sqlite3_close(s->db);
	st_crypt_key_free(s->key);
	free(s->fname);
	free(s->path);
	free(s);
}

int
store_schema_version(store *s)
{
	return s->version;
}

int
store_begin(store *s, diag *d)
{
	if (s->in_tx)
		return STORE_OK;
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return st_fail(s, d, "starting a change");
	s->in_tx = 1;
	/* `store rekey` and `store encrypt` replace the file while holding
	 * its lock: a change that gets the lock after them must not go into
	 * the old, unlinked file. */
	struct stat sb;
	if (stat(s->fname, &sb) != 0 || sb.st_dev != s->dev || sb.st_ino != s->ino) {
		store_rollback(s);
		return diag_error(d, s->path, 0, 0, "the store was replaced while this command "
		    "had it open (re-encrypted?); nothing was changed: run it again"), STORE_EDB;
	}
	return STORE_OK;
}

int
store_commit(store *s, diag *d)
{
	if (!s->in_tx)
		return STORE_OK;
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		int rc = st_fail(s, d, "committing");
		store_rollback(s);
		return rc;
	}
	s->in_tx = 0;
	return STORE_OK;
}

void
store_rollback(store *s)
{
	if (!s->in_tx)
		return;
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
}

/* ---- audit ------------------------------------------------------------ */

int
store_audit(store *s, const char *action, const char *entity, int64_t record_id, diag *d)
{
	return st_audit_write(s, action, entity, record_id, -1, NULL, d);
}

int
store_audit_each(store *s, store_audit_fn fn, void *ud, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "SELECT at, user, action, entity, record_id "
	    "FROM audit ORDER BY id", d);
	if (!st)
		return STORE_EDB;
	int rc, ret = STORE_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_audit_entry e = { st_col(st, 0), st_col(st, 1), st_col(st, 2),
			st_col(st, 3), sqlite3_column_int64(st, 4) };
		if ((ret = fn(ud, &e)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = st_fail(s, d, "reading the audit log");
	sqlite3_finalize(st);
	return ret;
}

/* ---- consents and documents ------------------------------------------- */

int
store_consent_add(store *s, const store_consent *c, int64_t *id, diag *d)
{
	if (st_need_tx(s, d) != STORE_OK)
		return STORE_EDB;
	const char *bad = NULL, *field = NULL;
	if ((bad = check_text(c->what, CHECK_MAX_TEXT)))
		field = "what";
	else if ((bad = check_text(c->given_by, CHECK_MAX_TEXT)))
		field = "given_by";
	else if (!check_date(c->date))
		field = "date", bad = "is not a date (YYYY-MM-DD)";
	else if (c->withdrawn && !check_date(c->withdrawn))
		field = "withdrawn", bad = "is not a date (YYYY-MM-DD)";
	if (field)
		return diag_error(d, NULL, 0, 0, "consent: field '%s' %s", field, bad), STORE_EINPUT;
	sqlite3_stmt *st = st_prepare(s, "INSERT INTO consents (client_id, what, given_by, "
	    "date, document_kind, document_version, withdrawn, created) "
	    "SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM clients WHERE id = ?1 AND erased IS NULL", d);
	if (!st)
		return STORE_EDB;
	char now[32];
	st_now(now);
	sqlite3_bind_int64(st, 1, c->client_id);
	st_bind_text(st, 2, c->what);
	st_bind_text(st, 3, c->given_by);
	st_bind_text(st, 4, c->date);
	st_bind_text(st, 5, c->document_kind);
	st_bind_text(st, 6, c->document_version);
	st_bind_text(st, 7, c->withdrawn);
	st_bind_text(st, 8, now);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "recording a consent");
	if (sqlite3_changes(s->db) == 0) {
		int why = st_client_writable(s, c->client_id, "consent", d);
		return why != STORE_OK ? why : st_input(d, "no client with id %lld",
		    (long long)c->client_id);
	}
	*id = sqlite3_last_insert_rowid(s->db);
	/* A consent is part of the dossier's content: its WGBO term restarts. */
	st = st_prepare(s, "UPDATE clients SET content_changed = ?2 WHERE id = ?1", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, c->client_id);
	st_bind_text(st, 2, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "recording a consent");
	return store_audit(s, "add", "consent", *id, d);
}

int
store_consent_each(store *s, int64_t client_id, store_consent_fn fn, void *ud, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "SELECT id, client_id, what, given_by, date, "
	    "document_kind, document_version, withdrawn FROM consents "
	    "WHERE ?1 = 0 OR client_id = ?1 ORDER BY date, id", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, client_id);
	int rc, ret = STORE_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_consent c = {
			sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			st_col(st, 2), st_col(st, 3), st_col(st, 4),
			(const char *)sqlite3_column_text(st, 5),
			(const char *)sqlite3_column_text(st, 6),
			(const char *)sqlite3_column_text(st, 7),
		};
		if ((ret = fn(ud, &c)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = st_fail(s, d, "reading consents");
	sqlite3_finalize(st);
	return ret;
}

int
store_document_add(store *s, const store_document *doc, int64_t *id, diag *d)
{
	if (st_need_tx(s, d) != STORE_OK)
		return STORE_EDB;
	if (check_text(doc->kind, 64) || check_text(doc->input_sha256, 64) || !check_date(doc->date))
		return diag_error(d, NULL, 0, 0, "document record: kind, input hash and date "
		    "are required"), STORE_EINPUT;
	sqlite3_stmt *st = st_prepare(s, "INSERT INTO documents (kind, version, input_sha256, "
	    "path, date, invoice_id, client_id, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", d);
	if (!st)
		return STORE_EDB;
	char now[32];
	st_now(now);
	st_bind_text(st, 1, doc->kind);
	st_bind_text(st, 2, doc->version);
	st_bind_text(st, 3, doc->input_sha256);
	st_bind_text(st, 4, doc->path);
	st_bind_text(st, 5, doc->date);
	if (doc->invoice_id)
		sqlite3_bind_int64(st, 6, doc->invoice_id);
	if (doc->client_id)
		sqlite3_bind_int64(st, 7, doc->client_id);
	st_bind_text(st, 8, now);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "recording a document");
	*id = sqlite3_last_insert_rowid(s->db);
	return store_audit(s, "generate", "document", *id, d);
}

int
store_document_each(store *s, int64_t client_id, store_document_fn fn, void *ud, diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "SELECT kind, version, input_sha256, path, date, "
	    "invoice_id, client_id FROM documents WHERE ?1 = 0 OR client_id = ?1 ORDER BY id", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, client_id);
	int rc, ret = STORE_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_document doc = {
			st_col(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			st_col(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			st_col(st, 4),
			sqlite3_column_int64(st, 5),
			sqlite3_column_int64(st, 6),
		};
		if ((ret = fn(ud, &doc)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = st_fail(s, d, "reading documents");
	sqlite3_finalize(st);
	return ret;
}
