/* admin — whole-store operations: backup (SQLite's online backup into a
 * keyed copy), rekey (a copy under a new key renamed over the store) and
 * encrypt (sqlcipher_export of an old unencrypted store). Every new file
 * is made beside its final name (mkstemp, 0600), filled, checked,
 * fsynced and renamed or linked into place, then the directory is
 * fsynced: never a half file under the final name. See store.h. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../base/buf.h"
#include "store_int.h"

/* Makes an empty 0600 temp file beside path; owned name, or NULL. */
static char *
tmp_beside(const char *path, diag *d)
{
	char *tmp = xasprintf("%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_error(d, path, 0, 0, "cannot write beside it: %s", strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

static void
remove_tmp(char *tmp)
{
	if (!tmp)
		return;
	unlink(tmp);
	char *j = xasprintf("%s-journal", tmp);
	unlink(j);
	free(j);
	free(tmp);
}

static int
fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	if (close(fd) != 0)
		rc = -1;
	return rc;
}

static int
fsync_dir_of(const char *path)
{
	char *p = xstrdup(path);
	int rc = fsync_path(dirname(p), 1);
	free(p);
	return rc;
}

/* Copies every page of src (main) into dst (main) with the online
 * backup, waiting for writers of src within the busy timeout. */
static int
copy_pages(store *s, sqlite3 *src, sqlite3 *dst, diag *d)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return diag_error(d, s->path, 0, 0, "cannot start the copy: %s",
		    sqlite3_errmsg(dst)), STORE_EDB;
	int rc, waited = 0;
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (waited++ >= s->busy_ms)
			break;
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	}
	int frc = sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			return diag_error(d, s->path, 0, 0, "store is busy: another zorgdoc kept "
			    "writing for %d ms; try again", s->busy_ms), STORE_EDB;
		return diag_error(d, s->path, 0, 0, "the copy failed: %s", sqlite3_errstr(rc)),
		    STORE_EDB;
	}
	if (frc != SQLITE_OK)
		return diag_error(d, s->path, 0, 0, "the copy failed: %s", sqlite3_errmsg(dst)),
		    STORE_EDB;
	return STORE_OK;
}

/* Opens the written copy afresh with its key and runs quick_check. */
static int
check_copy(store *s, const char *tmp, const unsigned char *salt, const unsigned char *key,
    diag *d)
{
	sqlite3 *db = NULL;
	int ok = 0;
	if (st_connect(s, tmp, SQLITE_OPEN_READONLY, salt, key, &db) == SQLITE_OK) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			ok = strcmp(st_col(st, 0), "ok") == 0 && sqlite3_step(st) == SQLITE_DONE;
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	if (!ok)
		return diag_error(d, s->path, 0, 0, "the copy did not pass its check; nothing was "
		    "put in place"), STORE_EDB;
	return STORE_OK;
}

/* Writes a copy of the store into a temp file beside final, keyed with
 * salt and key; returns the temp file's name (owned) or NULL. */
static char *
write_copy(store *s, const char *final, const unsigned char *salt, const unsigned char *key,
    diag *d)
{
	char *tmp = tmp_beside(final, d);
	if (!tmp)
		return NULL;
	sqlite3 *src = NULL, *dst = NULL;
	int rc = STORE_EDB;
	/* A connection of its own reads the source: s->db may hold the
	 * write lock (rekey), which the backup cannot read through. */
	if (st_connect(s, s->fname, SQLITE_OPEN_READONLY, s->salt, s->key, &src) != SQLITE_OK ||
	    st_connect(s, tmp, SQLITE_OPEN_READWRITE, salt, key, &dst) != SQLITE_OK) {
		diag_error(d, final, 0, 0, "cannot open for the copy: %s",
		    sqlite3_errmsg(dst ? dst : src));
	} else if (st_exec_db(dst, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;")
	    != SQLITE_OK) {
		diag_error(d, final, 0, 0, "cannot set up the copy: %s", sqlite3_errmsg(dst));
	} else {
		rc = copy_pages(s, src, dst, d);
	}
	sqlite3_close(src);
	if (sqlite3_close(dst) != SQLITE_OK && rc == STORE_OK)
		rc = (diag_error(d, final, 0, 0, "cannot close the copy"), STORE_EDB);
	if (rc == STORE_OK)
		rc = check_copy(s, tmp, salt, key, d);
	if (rc == STORE_OK && fsync_path(tmp, 0) != 0)
		rc = (diag_error(d, final, 0, 0, "cannot write the copy to disk: %s",
		    strerror(errno)), STORE_EDB);
	if (rc != STORE_OK) {
		remove_tmp(tmp);
		return NULL;
	}
	return tmp;
}

int
store_backup(store *s, const char *dest, int force, diag *d)
{
	struct stat sb;
	if (stat(dest, &sb) == 0) {
		if (sb.st_dev == s->dev && sb.st_ino == s->ino)
			return diag_error(d, dest, 0, 0, "that is the store itself"), STORE_EINPUT;
		if (!force)
			return diag_error(d, dest, 0, 0, "exists already; give --force to replace it"),
			    STORE_EINPUT;
		if (!S_ISREG(sb.st_mode))
			return diag_error(d, dest, 0, 0, "is not a regular file"), STORE_EINPUT;
	}
	char *tmp = write_copy(s, dest, s->salt, s->key, d);
	if (!tmp)
		return STORE_EDB;
	int rc = STORE_OK;
	if (force) {
		if (rename(tmp, dest) != 0)
			rc = (diag_error(d, dest, 0, 0, "cannot put the backup in place: %s",
			    strerror(errno)), STORE_EDB);
	} else if (link(tmp, dest) != 0) {
		rc = errno == EEXIST
		    ? (diag_error(d, dest, 0, 0, "exists already; give --force to replace it"), STORE_EINPUT)
		    : (diag_error(d, dest, 0, 0, "cannot put the backup in place: %s",
		        strerror(errno)), STORE_EDB);
	}
	remove_tmp(tmp);
	if (rc == STORE_OK && fsync_dir_of(dest) != 0)
		rc = (diag_error(d, dest, 0, 0, "cannot write the directory to disk: %s",
		    strerror(errno)), STORE_EDB);
	return rc;
}

int
store_rekey(store *s, diag *d)
{
	if (s->readonly)
		return diag_error(d, s->path, 0, 0, "internal error: rekey of a read-only store"),
		    STORE_EDB;
	unsigned char salt[ST_SALT_BYTES];
	unsigned char *key = st_crypt_key_new();
	if (!key)
		return diag_error(d, s->path, 0, 0, "out of memory for the new key"), STORE_EDB;
	int rc = STORE_EDB;
	char *tmp = NULL;
	if (st_crypt_new_salt(salt, 0) != 0) {
		diag_error(d, s->path, 0, 0, "no random source for the new salt");
		goto out;
	}
	if (st_crypt_derive(s->path, salt, STORE_PASS_NEW, key, d) != 0)
		goto out;
	/* The write lock keeps every writer out from the copy to the rename;
	 * one that gets it after sees the new file and stops (store_begin). */
	if (store_begin(s, d) != STORE_OK)
		goto out;
	if (!(tmp = write_copy(s, s->fname, salt, key, d)))
		goto out;
	if (rename(tmp, s->fname) != 0) {
		diag_error(d, s->path, 0, 0, "cannot put the re-encrypted store in place: %s; "
		    "the old passphrase still holds", strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if (fsync_dir_of(s->fname) != 0) {
		diag_error(d, s->path, 0, 0, "re-encrypted, but the directory could not be written "
		    "to disk: %s", strerror(errno));
		goto out;
	}
	st_crypt_remember(salt, key);
	rc = STORE_OK;
out:
	store_rollback(s);
	remove_tmp(tmp);
	st_crypt_key_free(key);
	return rc;
}

/* Overwrites the content of the file open at fd with zeros (the old
 * plain store after it was replaced); best effort. */
static void
zero_file(int fd)
{
	struct stat sb;
	if (fstat(fd, &sb) != 0)
		return;
	static const char zeros[65536];
	off_t left = sb.st_size;
	if (lseek(fd, 0, SEEK_SET) != 0)
		return;
	while (left > 0) {
		size_t n = left > (off_t)sizeof zeros ? sizeof zeros : (size_t)left;
		ssize_t w = write(fd, zeros, n);
		if (w <= 0)
			return;
		left -= w;
	}
	(void)fsync(fd);
}

int
store_encrypt_file(const char *path, diag *d)
{
	store tmpl = { 0 };
	tmpl.busy_ms = 10000;
	tmpl.path = (char *)path;
	char *fname = strncmp(path, "file:", 5) == 0 ? xasprintf("./%s", path) : xstrdup(path);
	tmpl.fname = fname;
	unsigned char salt[ST_SALT_BYTES], head[ST_SALT_BYTES];
	unsigned char *key = st_crypt_key_new();
	sqlite3 *guard = NULL, *db = NULL;
	char *tmp = NULL, spec[ST_KEYSPEC_LEN];
	int rc = STORE_EDB, oldfd = -1;
	spec[0] = '\0';
	if (!key) {
		diag_error(d, path, 0, 0, "out of memory for the key");
		goto out;
	}
	switch (st_crypt_probe(fname, head)) {
	case ST_FILE_PLAIN:
		break;
	case ST_FILE_ZORGDOC:
	case ST_FILE_NEWER:
		rc = STORE_EINPUT;
		diag_error(d, path, 0, 0, "the store is encrypted already");
		goto out;
	case ST_FILE_MISSING:
		rc = STORE_EINPUT;
		diag_error(d, path, 0, 0, "no store here (the file is missing or empty)");
		goto out;
	case ST_FILE_OTHER:
	case ST_FILE__MAX:
		rc = STORE_EINPUT;
		diag_error(d, path, 0, 0, "not a zorgdoc store");
		goto out;
	}
	/* The guard connection holds the plain store's write lock from the
	 * first read to the rename: nothing written meanwhile can be lost. */
	if (st_connect(&tmpl, fname, SQLITE_OPEN_READWRITE, NULL, NULL, &guard) != SQLITE_OK ||
	    st_exec_db(guard, "BEGIN IMMEDIATE") != SQLITE_OK) {
		diag_error(d, path, 0, 0, "cannot lock the store: %s", sqlite3_errmsg(guard));
		goto out;
	}
	int appid = 0, version = -1;
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(guard, i ? "PRAGMA user_version" : "PRAGMA application_id",
		    -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			*(i ? &version : &appid) = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (appid != STORE_APP_ID || version < 1) {
		rc = STORE_EINPUT;
		diag_error(d, path, 0, 0, "not a zorgdoc store (an unencrypted SQLite database of "
		    "another program)");
		goto out;
	}
	if (version > STORE_SCHEMA_VERSION) {
		diag_error(d, path, 0, 0, "the store was written by a newer zorgdoc (schema version "
		    "%d; this zorgdoc knows up to %d): refusing to touch it", version,
		    STORE_SCHEMA_VERSION);
		goto out;
	}
	if (st_crypt_new_salt(salt, 0) != 0) {
		diag_error(d, path, 0, 0, "no random source for the salt");
		goto out;
	}
	if (st_crypt_derive(path, salt, STORE_PASS_CREATE, key, d) != 0)
		goto out;
	if (!(tmp = tmp_beside(fname, d)))
		goto out;
	st_crypt_keyspec(salt, key, spec);
	char *sql = sodium_malloc(256 + ST_KEYSPEC_LEN + 2 * strlen(tmp));
	if (!sql) {
		diag_error(d, path, 0, 0, "out of memory");
		goto out;
	}
	char *qtmp = sqlite3_mprintf("%Q", tmp);
	snprintf(sql, 256 + ST_KEYSPEC_LEN + 2 * strlen(tmp),
	    "PRAGMA cipher_default_page_size = %d; ATTACH DATABASE %s AS enc KEY \"%s\";",
	    ST_PAGE_SIZE, qtmp, spec);
	sqlite3_free(qtmp);
	char setv[160];
	snprintf(setv, sizeof setv, "PRAGMA enc.user_version = %d; PRAGMA enc.application_id = %d;",
	    version, STORE_APP_ID);
	/* Read-write: an attached database has its main one's mode. */
	int ok = st_connect(&tmpl, fname, SQLITE_OPEN_READWRITE, NULL, NULL, &db) == SQLITE_OK &&
	    st_exec_db(db, sql) == SQLITE_OK &&
	    st_exec_db(db, "BEGIN; SELECT sqlcipher_export('enc');") == SQLITE_OK &&
	    st_exec_db(db, setv) == SQLITE_OK && st_exec_db(db, "COMMIT") == SQLITE_OK &&
	    st_exec_db(db, "DETACH DATABASE enc") == SQLITE_OK;
	sodium_memzero(sql, 256 + ST_KEYSPEC_LEN + 2 * strlen(tmp));
	sodium_free(sql);
	if (!ok) {
		diag_error(d, path, 0, 0, "cannot write the encrypted copy: %s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_close(db);
	db = NULL;
	if (check_copy(&tmpl, tmp, salt, key, d) != STORE_OK)
		goto out;
	if (fsync_path(tmp, 0) != 0) {
		diag_error(d, path, 0, 0, "cannot write the encrypted copy to disk: %s",
		    strerror(errno));
		goto out;
	}
	oldfd = open(fname, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	if (rename(tmp, fname) != 0) {
		diag_error(d, path, 0, 0, "cannot put the encrypted store in place: %s",
		    strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if (fsync_dir_of(fname) != 0) {
		diag_error(d, path, 0, 0, "encrypted, but the directory could not be written to "
		    "disk: %s", strerror(errno));
		goto out;
	}
	/* The plain file is no longer reachable by name; wipe what it held. */
	if (oldfd >= 0)
		zero_file(oldfd);
	st_crypt_remember(salt, key);
	rc = STORE_OK;
out:
	if (oldfd >= 0)
		close(oldfd);
	sodium_memzero(spec, sizeof spec);
	sqlite3_close(db);
	if (guard)
		st_exec_db(guard, "ROLLBACK");
	sqlite3_close(guard);
	remove_tmp(tmp);
	st_crypt_key_free(key);
	free(fname);
	return rc;
}
