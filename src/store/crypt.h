/* crypt — encryption at rest of the dossier store (internal to
 * src/store/; see docs/store.md, "Encryption").
 *
 * The store file is a SQLCipher 3.4.1 database. Its first 16 bytes, which
 * SQLCipher keeps in plain text as its salt, are ours:
 *
 *   bytes 0-2   "ZDK"              marks a zorgdoc store
 *   byte  3     key format         '1': Argon2id13, 2 passes, 64 MiB,
 *                                  4096-byte pages (the production format);
 *                                  'T': Argon2id13 at libsodium's minimum
 *                                  cost, made only under the test suite
 *   bytes 4-15  12 random bytes
 *
 * The key is crypto_pwhash(passphrase, all 16 bytes) (Argon2id), 32 bytes,
 * handed to SQLCipher raw with the salt as x'KEY||SALT': its own PBKDF2
 * never runs, and a new store gets exactly this header.
 *
 * A process remembers the last key it derived (in libsodium's guarded
 * memory) with its header, so that opening the same store again (a
 * worker, a second connection) costs no second derivation and asks for
 * no second passphrase. */
#ifndef ZORGDOC_STORE_CRYPT_H
#define ZORGDOC_STORE_CRYPT_H

#include <sqlite3.h>

#include "store.h"

#define ST_SALT_BYTES 16
#define ST_KEY_BYTES 32

/* What the first bytes of a file say it is. */
typedef enum {
	ST_FILE_MISSING,   /* no file, or an empty one: a new store */
	ST_FILE_PLAIN,     /* an unencrypted SQLite database */
	ST_FILE_ZORGDOC,   /* an encrypted zorgdoc store in a known key format */
	ST_FILE_NEWER,     /* "ZDK" with a key format this zorgdoc does not know */
	ST_FILE_OTHER,     /* anything else (or damaged beyond its header) */
	ST_FILE__MAX
} st_file_kind;

/* Reads the first 16 bytes of fname into salt (when there are 16) and
 * says what the file is. */
st_file_kind st_crypt_probe(const char *fname, unsigned char salt[ST_SALT_BYTES]);

/* Makes a fresh header for a new store: the production key format, or
 * the test-only cheap one when test_only is set. 0, or -1 when the
 * random source failed. */
int st_crypt_new_salt(unsigned char salt[ST_SALT_BYTES], int test_only);

/* 1 when $ZORGDOC_TEST_ONLY_WEAK_KDF is "1": a store CREATED now gets the
 * test-only cheap key format (tests/run.sh sets it; never in practice). */
int st_crypt_test_kdf_wanted(void);

/* 1 when the header is in the test-only key format. */
int st_crypt_is_test_format(const unsigned char salt[ST_SALT_BYTES]);

/* Fills key (32 bytes) for the store with this header: from the
 * process's remembered key when the header matches (and why is
 * STORE_PASS_OPEN), else from a passphrase asked through the registered
 * provider and Argon2id. path is for messages. Returns 0, or -1 with an
 * error in d. */
int st_crypt_derive(const char *path, const unsigned char salt[ST_SALT_BYTES],
    store_pass_why why, unsigned char key[ST_KEY_BYTES], diag *d);

/* Remembers key for the header (after it opened the store). */
void st_crypt_remember(const unsigned char salt[ST_SALT_BYTES], const unsigned char key[ST_KEY_BYTES]);

/* Keys a fresh connection (before anything else touches the file):
 * PRAGMA key = "x'KEY||SALT'" and the page size of the key format.
 * Returns a SQLite result code. */
int st_crypt_apply(sqlite3 *db, const unsigned char salt[ST_SALT_BYTES],
    const unsigned char key[ST_KEY_BYTES]);

/* The page size of every key format (PRAGMA cipher_page_size). */
#define ST_PAGE_SIZE 4096

/* Length of "x'<64 hex key><32 hex salt>'" plus its NUL. */
#define ST_KEYSPEC_LEN (3 + 2 * (ST_KEY_BYTES + ST_SALT_BYTES) + 1)
/* Writes that key spec (for ATTACH ... KEY) into out, which the caller
 * wipes (sodium_memzero) after use. */
void st_crypt_keyspec(const unsigned char salt[ST_SALT_BYTES],
    const unsigned char key[ST_KEY_BYTES], char out[ST_KEYSPEC_LEN]);

/* Returns owned guarded memory for a key (sodium_malloc; NULL when out of
 * memory) and frees it (wiped; NULL-safe). */
unsigned char *st_crypt_key_new(void);
void st_crypt_key_free(unsigned char *key);

#endif
