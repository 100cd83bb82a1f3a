/* client — `zorgdoc client add|list|show|edit`: the practice's clients in
 * the dossier store. Names and other personal data are printed only by
 * list and show, because the user asked for them; errors name clients by
 * id and fields by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../store/check.h"
#include "cmd.h"
#include "storecmd.h"

static const char usage[] =
    "usage: zorgdoc client add --name NAME [FIELDS...] [--db FILE]\n"
    "       zorgdoc client list [--db FILE]\n"
    "       zorgdoc client show ID [--db FILE]\n"
    "       zorgdoc client edit ID [FIELDS...] [--db FILE]\n"
    "\n"
    "The practice's clients in the dossier store. add prints the new client's id;\n"
    "list prints id, name, birth date and city, tab-separated; show prints every\n"
    "field as 'field: value'. Names are printed only by list and show.\n"
    "\n"
    "Fields (with edit, an empty value clears a field):\n"
    "  --ref NUMBER           the practice's own client number (unique)\n"
    "  --name NAME            required\n"
    "  --street STREET        street and house number\n"
    "  --postcode POSTCODE    1234 AB (another format needs --country)\n"
    "  --city CITY\n"
    "  --country COUNTRY      leave out for the Netherlands\n"
    "  --birth-date DATE      YYYY-MM-DD\n"
    "  --email ADDRESS\n"
    "  --phone NUMBER\n"
    "  --insurer NAME\n"
    "  --policy-number NUMBER\n"
    "  --bsn BSN              only where the practice needs it; 11-test checked\n"
    "  --guardian NAME        a parent or guardian of a minor; repeat for more\n"
    "                         (edit replaces the list; --guardian '' clears it)\n"
    "\n"
    "An invoice needs name, street, postcode, city and birth date.\n"
    "\n"
    "  --db FILE              the store (default $ZORGDOC_DB, else ./dossier.db;\n"
    "                         created with mode 0600 on first use)\n"
    "\n"
    "Exit status: 0 ok, 1 bad input, 2 usage, 3 store error (busy, damaged,\n"
    "or from a newer zorgdoc).\n";

enum { O_DB, O_GUARDIAN, O_FIELDS };
#define NOPTS (O_FIELDS + STORE_CF__MAX)

static void
opts_init(cmd_opt *opts, char names[STORE_CF__MAX][32])
{
	memset(opts, 0, NOPTS * sizeof *opts);
	opts[O_DB] = (cmd_opt){ .name = "db", .takes_value = 1 };
	opts[O_GUARDIAN] = (cmd_opt){ .name = "guardian", .takes_value = 1 };
	for (int f = 0; f < STORE_CF__MAX; f++) {
		snprintf(names[f], 32, "%s", store_client_field_name(f));
		for (char *p = names[f]; *p; p++)
			if (*p == '_')
				*p = '-';
		opts[O_FIELDS + f] = (cmd_opt){ .name = names[f], .takes_value = 1 };
	}
}

/* Applies the field options to c (empty value: clear). */
static void
apply(store_client *c, cmd_opt *opts)
{
	for (int f = 0; f < STORE_CF__MAX; f++) {
		const char *v = opts[O_FIELDS + f].value;
		if (!v)
			continue;
		free(c->v[f]);
		c->v[f] = *v ? xstrdup(v) : NULL;
	}
	cmd_opt *g = &opts[O_GUARDIAN];
	if (g->nall) {
		for (size_t i = 0; i < c->nguardians; i++)
			free(c->guardians[i]);
		free(c->guardians);
		c->guardians = NULL;
		c->nguardians = 0;
		for (size_t i = 0; i < g->nall; i++) {
			if (!*g->all[i])
				continue;
			c->guardians = xrealloc(c->guardians, (c->nguardians + 1) * sizeof *c->guardians);
			c->guardians[c->nguardians++] = xstrdup(g->all[i]);
		}
	}
}

static int
print_row(void *ud, const store_client *c)
{
	(void)ud;
	printf("%lld\t%s\t%s\t%s\n", (long long)c->id, c->v[STORE_CF_NAME] ? c->v[STORE_CF_NAME] : "",
	    c->v[STORE_CF_BIRTH_DATE] ? c->v[STORE_CF_BIRTH_DATE] : "",
	    c->v[STORE_CF_CITY] ? c->v[STORE_CF_CITY] : "");
	return 0;
}

static void
show(const store_client *c)
{
	printf("id: %lld\n", (long long)c->id);
	for (int f = 0; f < STORE_CF__MAX; f++)
		if (c->v[f])
			printf("%s: %s\n", store_client_field_name(f), c->v[f]);
	for (size_t i = 0; i < c->nguardians; i++)
		printf("guardian: %s\n", c->guardians[i]);
}

int
cmd_client(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	const char *sub = argv[1];
	cmd_opt opts[NOPTS];
	char names[STORE_CF__MAX][32];
	opts_init(opts, names);
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE;
	store *s = NULL;
	store_client *c = NULL;
	if (cmd_opts_parse(argc, argv, 2, opts, NOPTS, &pos, &npos, d) != 0)
		goto out;
	int is_add = strcmp(sub, "add") == 0, is_list = strcmp(sub, "list") == 0;
	int is_show = strcmp(sub, "show") == 0, is_edit = strcmp(sub, "edit") == 0;
	if (!is_add && !is_list && !is_show && !is_edit) {
		diag_error(d, NULL, 0, 0, "'client %s' is not a command; see 'zorgdoc client --help'",
		    sub);
		goto out;
	}
	int has_fields = opts[O_GUARDIAN].nall > 0;
	for (int f = 0; f < STORE_CF__MAX; f++)
		has_fields |= opts[O_FIELDS + f].value != NULL;
	int64_t id = 0;
	if (is_show || is_edit) {
		if (npos != 1 || check_id(pos[0], &id) != 0) {
			diag_error(d, NULL, 0, 0, "client %s needs one client id", sub);
			goto out;
		}
	} else if (npos != 0) {
		diag_error(d, NULL, 0, 0, "client %s takes no arguments besides options", sub);
		goto out;
	}
	if ((is_list || is_show) && has_fields) {
		diag_error(d, NULL, 0, 0, "client %s takes no field options", sub);
		goto out;
	}
	if (is_edit && !has_fields) {
		diag_error(d, NULL, 0, 0, "client edit: nothing to change (give field options)");
		goto out;
	}
	if (is_add) {
		/* refused input never creates or touches the store */
		c = store_client_new();
		apply(c, opts);
		if (store_client_check(c, d) != STORE_OK) {
			status = EXIT_INPUT;
			goto out;
		}
	}
	s = cmd_store_open(opts[O_DB].value, d);
	if (!s) {
		status = EXIT_STORE;
		goto out;
	}
	int rc;
	if (is_list) {
		rc = store_client_each(s, print_row, NULL, d);
	} else if (is_show) {
		if ((rc = store_client_load(s, id, &c, d)) == STORE_OK)
			show(c);
	} else if (is_add) {
		if ((rc = store_begin(s, d)) == STORE_OK &&
		    (rc = store_client_add(s, c, &id, d)) == STORE_OK &&
		    (rc = store_commit(s, d)) == STORE_OK)
			printf("%lld\n", (long long)id);
	} else {
		if ((rc = store_begin(s, d)) == STORE_OK &&
		    (rc = store_client_load(s, id, &c, d)) == STORE_OK) {
			apply(c, opts);
			if ((rc = store_client_update(s, c, d)) == STORE_OK)
				rc = store_commit(s, d);
		}
	}
	status = cmd_store_exit(rc);
out:
	store_client_free(c);
	store_free(s);
	cmd_opts_free(opts, NOPTS, pos);
	return status;
}
