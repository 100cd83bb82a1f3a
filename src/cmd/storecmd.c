/* storecmd — shared helpers of the store commands (see storecmd.h). */
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "cmd.h"
#include "storecmd.h"

cmd_opt *
cmd_opt_find(cmd_opt *opts, size_t nopts, const char *name)
{
	for (size_t i = 0; i < nopts; i++)
		if (strcmp(opts[i].name, name) == 0)
			return &opts[i];
	return NULL;
}

int
cmd_opts_parse(int argc, char **argv, int first, cmd_opt *opts, size_t nopts,
    const char ***pos, size_t *npos, diag *d)
{
	*pos = xcalloc((size_t)argc + 1, sizeof **pos);
	*npos = 0;
	int only_pos = 0;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (only_pos || a[0] != '-' || a[1] == '\0') {
			(*pos)[(*npos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = 1;
			continue;
		}
		const char *name = a[1] == '-' ? a + 2 : a + 1;
		if (a[1] != '-' && strlen(name) != 1)
			return diag_error(d, NULL, 0, 0, "unknown option '%s'; see '%s --help'", a, argv[0]);
		size_t nlen = strcspn(name, "=");
		cmd_opt *o = NULL;
		for (size_t k = 0; k < nopts; k++)
			if (strlen(opts[k].name) == nlen && strncmp(opts[k].name, name, nlen) == 0 &&
			    ((a[1] == '-') == (nlen > 1)))
				o = &opts[k];
		if (!o)
			return diag_error(d, NULL, 0, 0, "unknown option '%.*s'; see 'zorgdoc %s --help'",
			    (int)(nlen + (size_t)(name - a)), a, argv[0]);
		const char *value = "1";
		if (o->takes_value) {
			if (name[nlen] == '=')
				value = name + nlen + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return diag_error(d, NULL, 0, 0, "option '%s' needs a value", a);
		} else if (name[nlen] == '=') {
			return diag_error(d, NULL, 0, 0, "option '%.*s' takes no value",
			    (int)(nlen + (size_t)(name - a)), a);
		}
		o->value = value;
		o->all = xrealloc(o->all, (o->nall + 1) * sizeof *o->all);
		o->all[o->nall++] = value;
	}
	return 0;
}

void
cmd_opts_free(cmd_opt *opts, size_t nopts, const char **pos)
{
	for (size_t i = 0; i < nopts; i++) {
		free(opts[i].all);
		opts[i].all = NULL;
		opts[i].nall = 0;
	}
	free(pos);
}

store *
cmd_store_open(const char *db, diag *d)
{
	if (!db || !*db)
		db = getenv("ZORGDOC_DB");
	if (!db || !*db)
		db = "dossier.db";
	return store_open(db, d);
}

billing *
cmd_billing_load(const char *path, diag *d)
{
	if (!path || !*path)
		path = getenv("ZORGDOC_PRACTICE");
	if (!path || !*path) {
		diag_error(d, NULL, 0, 0, "this needs the practice file: --practice FILE "
		    "(or $ZORGDOC_PRACTICE)");
		return NULL;
	}
	return billing_load(path, d);
}

int
cmd_store_exit(int rc)
{
	switch (rc) {
	case STORE_OK:
		return EXIT_OK;
	case STORE_EINPUT:
		return EXIT_INPUT;
	default:
		return EXIT_STORE;
	}
}
