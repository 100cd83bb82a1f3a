/* store_int — what the files of src/store share and nobody else sees:
 * the store struct with its sqlite3 handle and small statement helpers.
 * Never include this outside src/store/. */
#ifndef ZORGDOC_STORE_INT_H
#define ZORGDOC_STORE_INT_H

#include <sqlite3.h>
#include <sys/types.h>

#include "crypt.h"
#include "store.h"

/* 'zdoc': marks a file as a zorgdoc store (PRAGMA application_id). */
#define STORE_APP_ID 0x7a646f63

/* How many statements a store keeps prepared (st_prepare_kept). */
#define ST_KEPT_MAX 32

struct store {
	sqlite3 *db;
	char *path;       /* for messages */
	char *fname;      /* the file name SQLite was given */
	int in_tx;        /* a write transaction is open */
	int version;      /* PRAGMA user_version after migration */
	int busy_ms;
	int readonly;     /* opened with STORE_OPEN_READONLY */
	unsigned char salt[ST_SALT_BYTES];  /* the file's header */
	unsigned char *key;                 /* its key (guarded memory) */
	dev_t dev;        /* the file opened: a transaction refuses to run */
	ino_t ino;        /* when the path now names another (rekeyed) file */
	struct {          /* statements kept prepared (st_prepare_kept) */
		char *sql;        /* owned copy */
		sqlite3_stmt *st;
		int busy;         /* handed out, not yet st_done */
	} kept[ST_KEPT_MAX];
	size_t nkept;
};

/* Records the connection's last error in d (busy: "store is busy") and
 * returns STORE_EDB. `what` says what was being done. */
int st_fail(store *s, diag *d, const char *what);
/* Records an input error (no file) and returns STORE_EINPUT. */
int st_input(diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prepares sql; NULL with an error in d. */
sqlite3_stmt *st_prepare(store *s, const char *sql, diag *d);
/* Like st_prepare, for a statement run again and again (per invoice of a
 * batch, per treatment): prepared once per store and kept, so a batch
 * does not compile the invoice insert and its triggers ten thousand
 * times. Hand it back with st_done. Kept statements are found by their
 * text; a query already handed out and not yet done is prepared afresh. */
sqlite3_stmt *st_prepare_kept(store *s, const char *sql, diag *d);
/* Ends the use of a statement from st_prepare or st_prepare_kept: a kept
 * one is reset for its next use, any other finalised. NULL is ignored. */
void st_done(store *s, sqlite3_stmt *st);
/* Finalises the kept statements (before the connection closes). */
void st_kept_clear(store *s);
/* Appends s escaped for XML text and attribute values (& < > ").
 * keep_cr also writes \r as &#13;, so that a parser gives it back (the
 * client export, which must round-trip notes); invoice snapshots, hashed
 * as issued, keep the bytes they always had (a raw \r). */
void st_xml_text(buf *b, const char *s, int keep_cr);
/* Runs sql without results; STORE_OK or STORE_EDB. */
int st_exec(store *s, const char *sql, diag *d);
/* Binds a string, or NULL when v is NULL. */
void st_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Returns column i as an owned string, or NULL when NULL. */
char *st_col_dup(sqlite3_stmt *st, int i);
/* Returns column i as a borrowed string ("" when NULL). */
const char *st_col(sqlite3_stmt *st, int i);
/* Current UTC time as YYYY-MM-DDTHH:MM:SSZ (audit and row times only,
 * never inside a document). */
void st_now(char out[32]);
/* Sleeps 2 ms: a long writer calls it between transactions so that
 * other processes waiting for the store get their turn. */
void st_yield(void);
/* Opens fname as a SQLite connection keyed with salt and key (or
 * unkeyed when key is NULL), with the busy handler of s. Returns a SQLite
 * result code; *db is set either way (close it). */
int st_connect(store *s, const char *fname, int flags, const unsigned char *salt,
    const unsigned char *key, sqlite3 **db);
/* Runs sql on db; SQLITE_OK or the error code. */
int st_exec_db(sqlite3 *db, const char *sql);
/* STORE_EDB with "no write transaction" unless one is open. */
int st_need_tx(store *s, diag *d);

/* Appends an audit row inside the open transaction (audit.c). client_id
 * < 0: derived from the entity and record (a client, or the client of a
 * treatment, invoice, consent or document); 0: none. detail may be NULL
 * and never holds content (counts, a filter). */
int st_audit_write(store *s, const char *action, const char *entity, int64_t record_id,
    int64_t client_id, const char *detail, diag *d);
/* STORE_OK when client id exists and its personal data were not erased;
 * else STORE_EINPUT saying which ("no client with id N", or erased on
 * DATE: no `what` can be added for it) (client.c). */
int st_client_writable(store *s, int64_t id, const char *what, diag *d);
/* The name the audit log records: $ZORGDOC_USER, else the OS user. */
const char *st_audit_user(void);
/* Date arithmetic for retention (retention.c): date + years into out[11]
 * (29 February becomes 28 February in a common year). */
void st_date_add_years(const char *date, int years, char out[11]);

#endif
