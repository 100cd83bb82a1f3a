/* store — `zorgdoc store backup|check|rekey|encrypt`: the dossier store
 * itself (docs/store.md). */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "storecmd.h"

static const char usage[] =
    "usage: zorgdoc store backup FILE [--force] [--db FILE]\n"
    "       zorgdoc store check [--db FILE]\n"
    "       zorgdoc store rekey [--new-passphrase-file FILE] [--db FILE]\n"
    "       zorgdoc store encrypt [--new-passphrase-file FILE] [--db FILE]\n";

int
cmd_store(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	(void)d;
	fputs(usage, stderr);
	return EXIT_USAGE;
}
