/* crypt — the store's key: header probing, Argon2id derivation, keying
 * SQLCipher connections, the passphrase source and the process's key
 * memory (see crypt.h and docs/store.md). */
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/buf.h"
#include "crypt.h"

/* A key format: what the fourth header byte stands for. Never change a
 * released one; add a new letter. */
typedef struct {
	char id;
	unsigned long long opslimit;
	size_t memlimit;
} key_format;

static const key_format formats[] = {
	/* libsodium's "interactive" limits: about 0.2 s and 64 MiB here. */
	{ '1', 2, (size_t)64 << 20 },
	/* Test suite only: the minimum Argon2id cost, so that hundreds of
	 * commands in the tests stay fast. `store check` warns about it. */
	{ 'T', 1, 8192 },
};

static const key_format *
format_of(const unsigned char salt[ST_SALT_BYTES])
{
	if (memcmp(salt, "ZDK", 3) != 0)
		return NULL;
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if ((char)salt[3] == formats[i].id)
			return &formats[i];
	return NULL;
}

st_file_kind
st_crypt_probe(const char *fname, unsigned char salt[ST_SALT_BYTES])
{
	int fd = open(fname, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return ST_FILE_MISSING;
	unsigned char h[ST_SALT_BYTES];
	size_t got = 0;
	while (got < sizeof h) {
		ssize_t n = read(fd, h + got, sizeof h - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got == 0)
		return ST_FILE_MISSING;
	if (got < sizeof h)
		return ST_FILE_OTHER;
	memcpy(salt, h, sizeof h);
	if (memcmp(h, "SQLite format 3", 16) == 0)
		return ST_FILE_PLAIN;
	if (memcmp(h, "ZDK", 3) == 0)
		return format_of(h) ? ST_FILE_ZORGDOC : ST_FILE_NEWER;
	return ST_FILE_OTHER;
}

int
st_crypt_test_kdf_wanted(void)
{
	const char *e = getenv("ZORGDOC_TEST_ONLY_WEAK_KDF");
	return e && strcmp(e, "1") == 0;
}

int
st_crypt_is_test_format(const unsigned char salt[ST_SALT_BYTES])
{
	const key_format *f = format_of(salt);
	return f && f->id == 'T';
}

int
st_crypt_new_salt(unsigned char salt[ST_SALT_BYTES], int test_only)
{
	if (sodium_init() < 0)
		return -1;
	memcpy(salt, "ZDK", 3);
	salt[3] = (unsigned char)(test_only ? 'T' : '1');
	randombytes_buf(salt + 4, ST_SALT_BYTES - 4);
	return 0;
}

unsigned char *
st_crypt_key_new(void)
{
	if (sodium_init() < 0)
		return NULL;
	return sodium_malloc(ST_KEY_BYTES);
}

void
st_crypt_key_free(unsigned char *key)
{
	if (key)
		sodium_free(key);  /* wipes */
}

/* ---- the passphrase source -------------------------------------------- */

static store_passphrase_fn pass_fn;
static void *pass_ud;

void
store_set_passphrase_fn(store_passphrase_fn fn, void *ud)
{
	pass_fn = fn;
	pass_ud = ud;
}

static int
env_passphrase(void *ud, store_pass_why why, char **out, diag *d)
{
	(void)ud;
	const char *name = why == STORE_PASS_NEW ? "ZORGDOC_NEW_PASSPHRASE" : "ZORGDOC_PASSPHRASE";
	const char *v = getenv(name);
	if (!v || !*v)
		return diag_error(d, NULL, 0, 0, "no passphrase for the store: set $%s", name), -1;
	*out = xstrdup(v);
	return 0;
}

/* ---- the process's key memory ----------------------------------------- */

static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char memo_salt[ST_SALT_BYTES];
static unsigned char *memo_key;  /* sodium_malloc'd; NULL: nothing kept */

void
st_crypt_remember(const unsigned char salt[ST_SALT_BYTES], const unsigned char key[ST_KEY_BYTES])
{
	pthread_mutex_lock(&memo_lock);
	if (!memo_key)
		memo_key = st_crypt_key_new();
	if (memo_key) {
		memcpy(memo_salt, salt, ST_SALT_BYTES);
		memcpy(memo_key, key, ST_KEY_BYTES);
	}
	pthread_mutex_unlock(&memo_lock);
}

static int
recall(const unsigned char salt[ST_SALT_BYTES], unsigned char key[ST_KEY_BYTES])
{
	int found = 0;
	pthread_mutex_lock(&memo_lock);
	if (memo_key && sodium_memcmp(memo_salt, salt, ST_SALT_BYTES) == 0) {
		memcpy(key, memo_key, ST_KEY_BYTES);
		found = 1;
	}
	pthread_mutex_unlock(&memo_lock);
	return found;
}

int
st_crypt_derive(const char *path, const unsigned char salt[ST_SALT_BYTES],
    store_pass_why why, unsigned char key[ST_KEY_BYTES], diag *d)
{
	const key_format *f = format_of(salt);
	if (!f)
		return diag_error(d, path, 0, 0, "internal error: unknown key format"), -1;
	if (why == STORE_PASS_OPEN && recall(salt, key))
		return 0;
	if (sodium_init() < 0)
		return diag_error(d, path, 0, 0, "libsodium could not be initialised"), -1;
	char *pass = NULL;
	int rc = (pass_fn ? pass_fn : env_passphrase)(pass_fn ? pass_ud : NULL, why, &pass, d);
	if (rc != 0 || !pass) {
		free(pass);
		return -1;
	}
	size_t len = strlen(pass);
	if (len == 0) {
		rc = -1;
		diag_error(d, path, 0, 0, "the passphrase is empty");
	} else if (why != STORE_PASS_OPEN && len < STORE_PASSPHRASE_MIN) {
		rc = -1;
		diag_error(d, path, 0, 0, "the passphrase is too short: at least %d characters",
		    STORE_PASSPHRASE_MIN);
	} else if (crypto_pwhash(key, ST_KEY_BYTES, pass, len, salt, f->opslimit, f->memlimit,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		rc = -1;
		diag_error(d, path, 0, 0, "not enough memory to derive the store's key "
		    "(Argon2id needs %zu MiB)", f->memlimit >> 20);
	}
	sodium_memzero(pass, len);
	free(pass);
	return rc;
}

/* ---- keying a connection ---------------------------------------------- */

void
st_crypt_keyspec(const unsigned char salt[ST_SALT_BYTES], const unsigned char key[ST_KEY_BYTES],
    char out[ST_KEYSPEC_LEN])
{
	out[0] = 'x';
	out[1] = '\'';
	sodium_bin2hex(out + 2, 2 * ST_KEY_BYTES + 1, key, ST_KEY_BYTES);
	sodium_bin2hex(out + 2 + 2 * ST_KEY_BYTES, 2 * ST_SALT_BYTES + 1, salt, ST_SALT_BYTES);
	out[ST_KEYSPEC_LEN - 2] = '\'';
	out[ST_KEYSPEC_LEN - 1] = '\0';
}

int
st_crypt_apply(sqlite3 *db, const unsigned char salt[ST_SALT_BYTES],
    const unsigned char key[ST_KEY_BYTES])
{
	/* "PRAGMA key = \"" spec "\"; PRAGMA cipher_page_size = 4096;" */
	enum { SQL_LEN = 16 + ST_KEYSPEC_LEN + 48 };
	char *sql = sodium_malloc(SQL_LEN);
	if (!sql)
		return SQLITE_NOMEM;
	char spec[ST_KEYSPEC_LEN];
	st_crypt_keyspec(salt, key, spec);
	snprintf(sql, SQL_LEN, "PRAGMA key = \"%s\"; PRAGMA cipher_page_size = %d;", spec,
	    ST_PAGE_SIZE);
	sodium_memzero(spec, sizeof spec);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sodium_free(sql);
	return rc;
}
