/* import — `zorgdoc import FILE.csv...`: clients and treatments from
 * spreadsheets. Each file has a header row; whether it holds clients or
 * treatments is told from its columns. Every row is checked first; bad
 * rows are reported by file, line and field (never by their content) and
 * then nothing at all is imported. Otherwise everything goes in in one
 * transaction. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../store/check.h"
#include "cmd.h"
#include "csv.h"
#include "storecmd.h"

static const char usage[] =
    "usage: zorgdoc import [--practice FILE] [--db FILE] FILE.csv...\n"
    "\n"
    "Imports clients and treatments from CSV files (UTF-8, a header row, ','\n"
    "or ';' between fields, quotes as spreadsheets write them). A file with\n"
    "a 'name' column holds clients; one with 'date' and 'tariff' columns holds\n"
    "treatments. If any row of any file is wrong, every problem is reported\n"
    "(file:line: field) and nothing is imported.\n"
    "\n"
    "Client columns: name (required), ref (the practice's client number),\n"
    "  street, postcode, city, country, birth_date (YYYY-MM-DD), email, phone,\n"
    "  insurer, policy_number, bsn (11-test), guardian (names separated by ';').\n"
    "Treatment columns: client (store id) or client_ref (the client's ref),\n"
    "  date (YYYY-MM-DD), tariff (a tariff id of the practice), and optionally\n"
    "  duration (minutes), amount (85,00 or 85.00; overrides the tariff), note.\n"
    "\n"
    "  --practice FILE   the practice, for tariffs (default $ZORGDOC_PRACTICE)\n"
    "  --db FILE         the store (default $ZORGDOC_DB, else ./dossier.db)\n"
    "\n"
    "Exit status: 0 ok, 1 bad input (nothing imported), 2 usage, 3 store error.\n";

#define MAX_ERRORS 100
#define MAX_CSV (64u * 1024u * 1024u)

typedef struct {
	const char *file;
	int line;
	int kind;              /* 0 client, 1 treatment */
	store_client *client;
	store_treatment t;
	char *client_ref;
} row;

typedef struct {
	row *v;
	size_t n, cap;
	int errors;
	diag *d;
	billing *b;
	const char *practice;
} importer;

static int
err(importer *im, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
err(importer *im, const char *file, int line, const char *fmt, ...)
{
	im->errors++;
	if (im->errors > MAX_ERRORS)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(im->d, DIAG_ERROR, file, line, 0, fmt, ap);
	va_end(ap);
	return -1;
}

/* Header names: case and '-'/' ' versus '_' do not matter. */
static char *
norm_header(const char *h)
{
	char *s = xstrdup(h);
	char *w = s;
	for (const char *p = h; *p; p++) {
		if (*p == ' ' && (w == s || p[1] == '\0'))
			continue;
		*w++ = *p == '-' || *p == ' ' ? '_' : (char)tolower((unsigned char)*p);
	}
	*w = '\0';
	return s;
}

enum { T_CLIENT, T_CLIENT_REF, T_DATE, T_TARIFF, T_DURATION, T_AMOUNT, T_NOTE, T__MAX };
static const char *const tcols[T__MAX] = { "client", "client_ref", "date", "tariff",
	"duration", "amount", "note" };
#define C_GUARDIAN STORE_CF__MAX

static int
is_blank(const csv_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->f[i][0])
			return 0;
	return 1;
}

static void
add_row(importer *im, row *r)
{
	/* Doubling: growing by one row copies all rows each time under
	 * allocators that do not extend in place (ASan), quadratic. */
	if (im->n == im->cap) {
		im->cap = im->cap ? 2 * im->cap : 256;
		im->v = xrealloc(im->v, im->cap * sizeof *im->v);
	}
	im->v[im->n++] = *r;
}

static void
client_row(importer *im, const char *file, const csv_row *r, const int *col)
{
	row out = { .file = file, .line = r->line, .kind = 0, .client = store_client_new() };
	int bad = 0, name_bad = 0;
	for (size_t i = 0; i < r->n; i++) {
		const char *v = r->f[i];
		if (!*v)
			continue;
		if (col[i] == C_GUARDIAN) {
			char *copy = xstrdup(v), *save = NULL;
			for (char *g = strtok_r(copy, ";", &save); g; g = strtok_r(NULL, ";", &save)) {
				while (*g == ' ')
					g++;
				size_t len = strlen(g);
				while (len && g[len - 1] == ' ')
					g[--len] = '\0';
				if (!*g)
					continue;
				const char *m = check_text(g, 200);
				if (m) {
					bad = err(im, file, r->line, "field 'guardian' %s", m);
					continue;
				}
				store_client *c = out.client;
				c->guardians = xrealloc(c->guardians, (c->nguardians + 1) * sizeof *c->guardians);
				c->guardians[c->nguardians++] = xstrdup(g);
			}
			free(copy);
			continue;
		}
		char *norm;
		const char *m = store_client_field_check(col[i], v, &norm);
		if (m && col[i] == STORE_CF_POSTCODE && !check_text(v, 20))
			m = NULL;  /* checked below, once the country is known */
		if (m) {
			bad = err(im, file, r->line, "field '%s' %s",
			    store_client_field_name(col[i]), m);
			name_bad |= col[i] == STORE_CF_NAME;
			continue;
		}
		out.client->v[col[i]] = norm ? norm : xstrdup(v);
	}
	if (!out.client->v[STORE_CF_NAME] && !name_bad)
		bad = err(im, file, r->line, "field 'name' is empty");
	/* A non-Dutch postcode needs a country. */
	if (out.client->v[STORE_CF_POSTCODE] &&
	    store_country_is_nl(out.client->v[STORE_CF_COUNTRY])) {
		char *norm;
		const char *m = store_client_field_check(STORE_CF_POSTCODE,
		    out.client->v[STORE_CF_POSTCODE], &norm);
		free(norm);
		if (m)
			bad = err(im, file, r->line, "field 'postcode' %s", m);
	}
	if (bad) {
		store_client_free(out.client);
		return;
	}
	add_row(im, &out);
}

static void
treatment_row(importer *im, const char *file, const csv_row *r, const int *col)
{
	const char *f[T__MAX] = { 0 };
	for (size_t i = 0; i < r->n; i++)
		if (r->f[i][0])
			f[col[i]] = r->f[i];
	row out = { .file = file, .line = r->line, .kind = 1 };
	store_treatment *t = &out.t;
	int bad = 0;
	if (f[T_CLIENT] && f[T_CLIENT_REF])
		bad = err(im, file, r->line, "fields 'client' and 'client_ref' both given; use one");
	else if (f[T_CLIENT] && check_id(f[T_CLIENT], &t->client_id) != 0)
		bad = err(im, file, r->line, "field 'client' is not a client id");
	else if (f[T_CLIENT_REF] && check_text(f[T_CLIENT_REF], 40))
		bad = err(im, file, r->line, "field 'client_ref' %s", check_text(f[T_CLIENT_REF], 40));
	else if (!f[T_CLIENT] && !f[T_CLIENT_REF])
		bad = err(im, file, r->line, "field 'client' is empty");
	if (!f[T_DATE])
		bad = err(im, file, r->line, "field 'date' is empty");
	else if (!check_date(f[T_DATE]))
		bad = err(im, file, r->line, "field 'date' is not a date (YYYY-MM-DD)");
	else
		snprintf(t->date, sizeof t->date, "%s", f[T_DATE]);
	const store_tariff *tf = NULL;
	if (!f[T_TARIFF])
		bad = err(im, file, r->line, "field 'tariff' is empty");
	else if (!(tf = billing_tariff(im->b, f[T_TARIFF])))
		bad = err(im, file, r->line, "field 'tariff': no such tariff in %s", im->practice);
	int64_t v;
	if (f[T_DURATION] && (check_id(f[T_DURATION], &v) != 0 || v > 1440))
		bad = err(im, file, r->line, "field 'duration' is not minutes (1 to 1440)");
	else if (f[T_DURATION])
		t->duration_min = (int)v;
	else if (tf)
		t->duration_min = tf->minutes;
	if (f[T_AMOUNT] && check_amount(f[T_AMOUNT], CHECK_MAX_CENTS, &v) != 0)
		bad = err(im, file, r->line, "field 'amount' is not an amount like 85,00 or 85.00");
	else if (f[T_AMOUNT])
		t->amount_cents = v;
	else if (tf)
		t->amount_cents = tf->amount_cents;
	if (f[T_NOTE] && check_text_ml(f[T_NOTE], 20000))
		bad = err(im, file, r->line, "field 'note' %s", check_text_ml(f[T_NOTE], 20000));
	if (bad)
		return;
	t->tariff_id = (char *)tf->id;
	t->prestatiecode = (char *)tf->prestatiecode;
	t->description = (char *)tf->description;
	t->vat = tf->vat;
	t->note = f[T_NOTE] ? xstrdup(f[T_NOTE]) : NULL;
	out.client_ref = f[T_CLIENT_REF] ? xstrdup(f[T_CLIENT_REF]) : NULL;
	add_row(im, &out);
}

/* Reads one file into im (rows or errors). -1 only for errors that stop
 * everything (the practice cannot be loaded). */
static int
read_file(importer *im, const char *file, const char *practice_opt)
{
	char *data = NULL;
	size_t len;
	diag tmp = DIAG_INIT;
	if (fsio_read_file(file, MAX_CSV, &data, &len, &tmp) != 0) {
		diag_move(im->d, &tmp);
		im->errors++;
		return 0;
	}
	/* A NUL byte would cut a field short unseen: refuse the file. */
	const char *nul = memchr(data, '\0', len);
	if (nul) {
		int line = 1;
		for (const char *p = data; p < nul; p++)
			line += *p == '\n';
		err(im, file, line, "the file contains a NUL byte (not a text file?)");
		free(data);
		return 0;
	}
	csv *c = csv_new(data, len);
	csv_row r;
	const char *msg;
	int got = csv_next(c, &r, &msg);
	int *col = NULL;
	size_t ncol = 0;
	int kind = -1, ret = 0;
	if (got <= 0) {
		err(im, file, r.line, "%s", got < 0 ? msg : "the file is empty (a header row is needed)");
		goto out;
	}
	/* The header. */
	ncol = r.n;
	col = xcalloc(ncol, sizeof *col);
	char **names = xcalloc(ncol, sizeof *names);
	int has_name = 0, has_date = 0, has_tariff = 0;
	for (size_t i = 0; i < ncol; i++) {
		names[i] = norm_header(r.f[i]);
		has_name |= strcmp(names[i], "name") == 0;
		has_date |= strcmp(names[i], "date") == 0;
		has_tariff |= strcmp(names[i], "tariff") == 0;
	}
	if (has_date && has_tariff)
		kind = 1;
	else if (has_name)
		kind = 0;
	int bad = 0;
	if (kind < 0)
		bad = err(im, file, 1, "cannot tell what the file holds: clients need a 'name' "
		    "column, treatments 'date' and 'tariff' columns");
	for (size_t i = 0; i < ncol && kind >= 0; i++) {
		int k = -1;
		if (kind == 0) {
			k = strcmp(names[i], "guardian") == 0 || strcmp(names[i], "guardians") == 0
			    ? C_GUARDIAN : store_client_field_lookup(names[i]);
		} else {
			for (int j = 0; j < T__MAX; j++)
				if (strcmp(names[i], tcols[j]) == 0)
					k = j;
		}
		if (k < 0) {
			bad = err(im, file, 1, "column %zu: unknown column '%.40s' in a %s file", i + 1,
			    names[i], kind ? "treatments" : "clients");
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (col[j] == k && strcmp(names[j], names[i]) == 0)
				bad = err(im, file, 1, "column %zu: column '%s' appears twice", i + 1,
				    names[i]);
		col[i] = k;
	}
	for (size_t i = 0; i < ncol; i++)
		free(names[i]);
	free(names);
	if (bad)
		goto out;
	if (kind == 1 && !im->b) {
		diag tmp2 = DIAG_INIT;
		im->b = cmd_billing_load(practice_opt, &tmp2);
		diag_move(im->d, &tmp2);
		if (!im->b) {
			im->errors++;
			ret = -1;
			goto out;
		}
		im->practice = billing_practice(im->b)->source;
	}
	while ((got = csv_next(c, &r, &msg)) != 0) {
		if (got < 0) {
			err(im, file, r.line, "%s", msg);
			break;
		}
		if (is_blank(&r))
			continue;
		if (r.n != ncol) {
			err(im, file, r.line, "the row has %zu fields, the header %zu", r.n, ncol);
			continue;
		}
		if (kind == 0)
			client_row(im, file, &r, col);
		else
			treatment_row(im, file, &r, col);
	}
out:
	free(col);
	csv_free(c);
	free(data);
	return ret;
}

static int
by_ref(const void *a, const void *b)
{
	const row *x = *(row *const *)a, *y = *(row *const *)b;
	int c = strcmp(x->client->v[STORE_CF_REF], y->client->v[STORE_CF_REF]);
	if (c)
		return c;
	return x < y ? -1 : x > y;  /* keep the file order */
}

/* Two clients of the import with one client number: each later one is
 * an error at its own line (before the store is opened, so a refused
 * import never creates one). */
static void
check_duplicate_refs(importer *im)
{
	row **v = xcalloc(im->n ? im->n : 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < im->n; i++)
		if (im->v[i].kind == 0 && im->v[i].client->v[STORE_CF_REF])
			v[n++] = &im->v[i];
	qsort(v, n, sizeof *v, by_ref);
	for (size_t i = 1; i < n; i++)
		if (strcmp(v[i]->client->v[STORE_CF_REF], v[i - 1]->client->v[STORE_CF_REF]) == 0)
			err(im, v[i]->file, v[i]->line, "field 'ref': the same client number as "
			    "%s line %d", v[i - 1]->file, v[i - 1]->line);
	free(v);
}

/* Re-files the store's messages under file:line. */
static void
refile(importer *im, const row *r, diag *tmp)
{
	for (size_t i = 0; i < tmp->n; i++)
		err(im, r->file, r->line, "%s", tmp->items[i].msg);
	diag_free(tmp);
}

static int
write_rows(importer *im, store *s, size_t *nclients, size_t *ntreatments)
{
	int rc = store_begin(s, im->d);
	if (rc != STORE_OK)
		return rc;
	for (size_t i = 0; i < im->n; i++) {
		row *r = &im->v[i];
		diag tmp = DIAG_INIT;
		int64_t id;
		if (r->kind == 0) {
			rc = store_client_add(s, r->client, &id, &tmp);
			if (rc == STORE_OK)
				++*nclients;
		} else {
			rc = STORE_OK;
			if (r->client_ref)
				rc = store_client_find_ref(s, r->client_ref, &r->t.client_id, &tmp);
			if (rc == STORE_OK)
				rc = store_treatment_add(s, &r->t, &id, &tmp);
			if (rc == STORE_OK)
				++*ntreatments;
		}
		if (rc == STORE_EDB) {
			diag_move(im->d, &tmp);
			store_rollback(s);
			return rc;
		}
		refile(im, r, &tmp);
	}
	if (im->errors) {
		store_rollback(s);
		return STORE_EINPUT;
	}
	return store_commit(s, im->d);
}

int
cmd_import(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	cmd_opt o[] = {
		{ .name = "db", .takes_value = 1 },
		{ .name = "practice", .takes_value = 1 },
	};
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE;
	importer im = { .d = d };
	store *s = NULL;
	if (cmd_opts_parse(argc, argv, 1, o, 2, &pos, &npos, d) != 0)
		goto out;
	if (npos == 0) {
		diag_error(d, NULL, 0, 0, "import needs one or more CSV files");
		goto out;
	}
	status = EXIT_INPUT;
	for (size_t i = 0; i < npos; i++)
		if (read_file(&im, pos[i], o[1].value) != 0)
			break;
	check_duplicate_refs(&im);
	if (!im.errors) {
		if (!(s = cmd_store_open(o[0].value, d))) {
			status = EXIT_STORE;
			goto out;
		}
		size_t nc = 0, nt = 0;
		int rc = write_rows(&im, s, &nc, &nt);
		status = cmd_store_exit(rc);
		if (rc == STORE_OK)
			printf("imported %zu clients and %zu treatments\n", nc, nt);
	}
	if (im.errors > MAX_ERRORS)
		diag_error(d, NULL, 0, 0, "%d more problems not shown", im.errors - MAX_ERRORS);
	if (im.errors)
		diag_error(d, NULL, 0, 0, "nothing was imported (%d problem%s)", im.errors,
		    im.errors == 1 ? "" : "s");
out:
	for (size_t i = 0; i < im.n; i++) {
		store_client_free(im.v[i].client);
		free(im.v[i].t.note);
		free(im.v[i].client_ref);
	}
	free(im.v);
	billing_free(im.b);
	store_free(s);
	cmd_opts_free(o, 2, pos);
	return status;
}
