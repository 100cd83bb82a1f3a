/* cmd — one function per subcommand (src/cmd/<name>.c), registered in the
 * table in src/main.c. Each gets argv after the subcommand name (argv[0]
 * is the subcommand) and a diag to fill; it returns an exit status:
 * 0 ok, 1 bad input or failed output, 2 usage, 3 store error. Commands
 * print their normal output themselves (to stdout) but never errors:
 * main prints the diag. */
#ifndef ZORGDOC_CMD_H
#define ZORGDOC_CMD_H

#include "../base/diag.h"

enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,
	EXIT_USAGE = 2,
	EXIT_STORE = 3,
};

typedef int (*cmd_fn)(int argc, char **argv, diag *d);

typedef struct {
	const char *name;
	cmd_fn fn;
	const char *summary;
} cmd_entry;

/* Returns 1 if argv holds -h or --help (and prints `usage` to stdout). */
int cmd_wants_help(int argc, char **argv, const char *usage);

/* The store's passphrase (src/cmd/passphrase.c). main takes
 * --passphrase-file FILE out of argv for every command (before "--");
 * returns 0, or -1 with a usage error. */
int cmd_passphrase_args(int *argc, char **argv, diag *d);
/* Registers the commands' passphrase source with the store. */
void cmd_passphrase_install(void);
/* Where `store rekey` / `store encrypt` read the new passphrase from. */
void cmd_passphrase_new_file(const char *path);

int cmd_version(int argc, char **argv, diag *d);
int cmd_check(int argc, char **argv, diag *d);
int cmd_render(int argc, char **argv, diag *d);
int cmd_client(int argc, char **argv, diag *d);
/* `client password` (src/cmd/clientpw.c), called by cmd_client. */
int cmd_client_password(int argc, char **argv, diag *d);
int cmd_treatment(int argc, char **argv, diag *d);
int cmd_import(int argc, char **argv, diag *d);
int cmd_invoice(int argc, char **argv, diag *d);
int cmd_consent(int argc, char **argv, diag *d);
int cmd_privacy(int argc, char **argv, diag *d);
int cmd_dpa(int argc, char **argv, diag *d);
int cmd_register(int argc, char **argv, diag *d);
int cmd_diff(int argc, char **argv, diag *d);
int cmd_regen(int argc, char **argv, diag *d);
int cmd_retention(int argc, char **argv, diag *d);
int cmd_audit(int argc, char **argv, diag *d);
int cmd_breach(int argc, char **argv, diag *d);
int cmd_store(int argc, char **argv, diag *d);

#endif
