/* passphrase — where the commands get the store's passphrase from, in
 * this order: --passphrase-file FILE (any store command; main takes it
 * out of argv), $ZORGDOC_PASSPHRASE, a prompt on the terminal without
 * echo (asked twice when a store is created). The new passphrase of
 * `store rekey` / `store encrypt`: --new-passphrase-file FILE,
 * $ZORGDOC_NEW_PASSPHRASE, a prompt asked twice. Never a command-line
 * argument: those are visible to every user in the process list.
 *
 * In: argv, the environment, /dev/tty. Out: passphrases handed to the
 * store (src/store/crypt.c), which wipes them. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../store/store.h"
#include "cmd.h"

static const char *pass_file;      /* --passphrase-file */
static const char *new_pass_file;  /* --new-passphrase-file (store rekey/encrypt) */

#define PASS_MAX 1024

void
cmd_passphrase_new_file(const char *path)
{
	new_pass_file = path;
}

int
cmd_passphrase_args(int *argc, char **argv, diag *d)
{
	int out = 0;
	for (int i = 0; i < *argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--passphrase-file") == 0) {
			if (i + 1 >= *argc)
				return diag_error(d, NULL, 0, 0, "option '--passphrase-file' needs a value");
			pass_file = argv[++i];
			continue;
		}
		if (strncmp(a, "--passphrase-file=", 18) == 0) {
			pass_file = a + 18;
			continue;
		}
		argv[out++] = argv[i];
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

/* Reads the first line of path (without its line end). A file others
 * may read is used, with a warning. */
static int
from_file(const char *path, char **out, diag *d)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && (sb.st_mode & 077))
		diag_warning(d, path, 0, 0, "the passphrase file can be read by others "
		    "(chmod 600 it)");
	char *text = NULL;
	size_t len = 0;
	if (fsio_read_file(path, PASS_MAX, &text, &len, d) != 0)
		return -1;
	size_t n = strcspn(text, "\r\n");
	if (n == 0) {
		sodium_memzero(text, len);
		free(text);
		return diag_error(d, path, 1, 1, "the passphrase file is empty"), -1;
	}
	*out = xmalloc(n + 1);
	memcpy(*out, text, n);
	(*out)[n] = '\0';
	sodium_memzero(text, len);
	free(text);
	return 0;
}

/* Asks on the terminal without echo; NULL when there is none. */
static char *
ask(int fd, const char *prompt)
{
	struct termios old, quiet;
	if (tcgetattr(fd, &old) != 0)
		return NULL;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	if (write(fd, prompt, strlen(prompt)) < 0 || tcsetattr(fd, TCSANOW, &quiet) != 0)
		return NULL;
	char *line = xmalloc(PASS_MAX + 1);
	size_t n = 0;
	char c;
	ssize_t r;
	while (n < PASS_MAX && (r = read(fd, &c, 1)) == 1 && c != '\n' && c != '\r')
		line[n++] = c;
	line[n] = '\0';
	tcsetattr(fd, TCSANOW, &old);
	if (write(fd, "\n", 1) < 0) {
		/* nothing to do: the answer was read */
	}
	return line;
}

static void
wipe_free(char *p)
{
	if (p) {
		sodium_memzero(p, strlen(p));
		free(p);
	}
}

static int
from_terminal(store_pass_why why, char **out, diag *d)
{
	const char *envname = why == STORE_PASS_NEW ? "$ZORGDOC_NEW_PASSPHRASE" : "$ZORGDOC_PASSPHRASE";
	const char *optname = why == STORE_PASS_NEW ? "--new-passphrase-file" : "--passphrase-file";
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || !isatty(fd)) {
		if (fd >= 0)
			close(fd);
		return diag_error(d, NULL, 0, 0, "no passphrase for the store: give %s FILE or set "
		    "%s (there is no terminal to ask on)", optname, envname), -1;
	}
	const char *p1 = why == STORE_PASS_OPEN ? "Passphrase of the store: "
	    : why == STORE_PASS_CREATE ? "Passphrase for the new store: "
	    : "New passphrase of the store: ";
	char *a = ask(fd, p1), *b = NULL;
	int rc = 0;
	if (!a) {
		rc = -1;
		diag_error(d, NULL, 0, 0, "could not read the passphrase from the terminal");
	} else if (why != STORE_PASS_OPEN) {
		if (!(b = ask(fd, "The same passphrase again: ")) || strcmp(a, b) != 0) {
			rc = -1;
			diag_error(d, NULL, 0, 0, "the two passphrases differ; nothing was changed");
		}
	}
	close(fd);
	wipe_free(b);
	if (rc != 0) {
		wipe_free(a);
		return -1;
	}
	*out = a;
	return 0;
}

static int
provide(void *ud, store_pass_why why, char **out, diag *d)
{
	(void)ud;
	const char *file = why == STORE_PASS_NEW ? new_pass_file : pass_file;
	if (file)
		return from_file(file, out, d);
	const char *env = getenv(why == STORE_PASS_NEW ? "ZORGDOC_NEW_PASSPHRASE" : "ZORGDOC_PASSPHRASE");
	if (env && *env) {
		*out = xstrdup(env);
		return 0;
	}
	return from_terminal(why, out, d);
}

void
cmd_passphrase_install(void)
{
	store_set_passphrase_fn(provide, NULL);
}
