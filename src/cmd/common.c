/* common — small helpers shared by the subcommands. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

int
cmd_wants_help(int argc, char **argv, const char *usage)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			return 1;
		}
	}
	return 0;
}

int
cmd_version(int argc, char **argv, diag *d)
{
	(void)d;
	if (cmd_wants_help(argc, argv, "usage: zorgdoc version\n\nPrints the version of zorgdoc.\n"))
		return EXIT_OK;
	printf("zorgdoc %s\n", ZORGDOC_VERSION);
	return EXIT_OK;
}
