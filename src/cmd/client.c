/* client — `zorgdoc client add|list|show|edit|export|forget`: the
 * practice's clients in the dossier store. Names and other personal data
 * are printed only by list and show, because the user asked for them;
 * errors name clients by id and fields by name. Every read is logged
 * (store_audit_read) before anything is shown.
 *
 * export (AVG art. 15, 20) writes everything the store holds on a client
 * into DIR as XML (schema/client-export.rng) and as a readable PDF
 * (templates/client-export.xsl); with the practice file it also names
 * the practice (the controller) and gives the art. 15(1) information in
 * the practice's words, language, form of address and colour (the
 * template reads the practice with the export as its last child).
 * forget (art. 17) erases the personal
 * data and keeps the treatments anonymised, refusing while a retention
 * term applies unless --force. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../base/paths.h"
#include "../base/xmlsafe.h"
#include "../docgen/docgen.h"
#include "../store/check.h"
#include "../practice/practice.h"
#include "../xform/xform.h"
#include "billing.h"
#include "cmd.h"
#include "rightscmd.h"
#include "storecmd.h"

static const char usage[] =
    "usage: zorgdoc client add --name NAME [FIELDS...] [--db FILE]\n"
    "       zorgdoc client list [--erased] [--db FILE]\n"
    "       zorgdoc client show ID [--db FILE]\n"
    "       zorgdoc client edit ID [FIELDS...] [--db FILE]\n"
    "       zorgdoc client export ID -o DIR [--practice FILE] [--locale nl|en]\n"
    "                             [--db FILE]\n"
    "       zorgdoc client forget ID [--force] [--date DATE] [--practice FILE] [--db FILE]\n"
    "       zorgdoc client password ID --generate [--replace] | --show [--db FILE]\n"
    "\n"
    "The practice's clients in the dossier store. add prints the new client's id;\n"
    "list prints id, name, birth date and city, tab-separated; show prints every\n"
    "field as 'field: value'. Names are printed only by list and show.\n"
    "\n"
    "A client whose personal data were erased (forget, or a retention purge) is\n"
    "not listed: list says on stderr how many were left out, and list --erased\n"
    "prints those instead, as id and date of erasure, tab-separated. show of\n"
    "such a client prints its id and 'erased: DATE' (and says so on stderr).\n"
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
    "export (the right of access and portability, AVG art. 15 and 20) writes\n"
    "DIR/client-ID.xml (everything the store holds on the client: personal data,\n"
    "guardians, treatments with notes, consents, invoices, documents and the\n"
    "audit entries about them; schema/client-export.rng) and DIR/client-ID.pdf\n"
    "(the same, readable), each atomically; nothing is written outside DIR.\n"
    "With the practice file (--practice, else $ZORGDOC_PRACTICE) the XML names\n"
    "the practice that holds the data, and the PDF carries the practice's\n"
    "letterhead, colour, language and form of address, and what AVG art. 15(1)\n"
    "says the client must be told besides the data: purposes, categories,\n"
    "recipients and transfers outside the EEA, retention, the rights, the\n"
    "complaint to the Autoriteit Persoonsgegevens and the sources (worded as in\n"
    "the privacy statement). Without one, the export is made without them and a\n"
    "warning says so; a practice file with errors is refused.\n"
    "\n"
    "forget (the right to erasure, AVG art. 17) overwrites the client's name,\n"
    "address, contact, birth date, BSN, insurer, policy number and client number\n"
    "and deletes guardians, notes and consents; treatments stay, anonymous, with\n"
    "date, code and amount. It refuses while the dossier's WGBO term (20 years\n"
    "from its last change) or the fiscal term of the client's invoices (7 years)\n"
    "runs, naming the end date; --force erases anyway (e.g. on the client's\n"
    "written request to destroy the dossier, WGBO art. 7:455). Issued invoices\n"
    "are never changed: their frozen copies keep what the invoice showed until\n"
    "a retention purge deletes them after their term.\n"
    "\n"
    "  --erased               list: the erased clients (id, date) instead\n"
    "  -o DIR                 export: the directory to write into (created)\n"
    "  --practice FILE        export: the practice that holds the data (default\n"
    "                         $ZORGDOC_PRACTICE)\n"
    "  --locale nl|en         export: the language of the PDF (default: the\n"
    "                         practice's language, else nl)\n"
    "  --force                forget: erase although a retention term runs\n"
    "  --date DATE            forget: judge the terms as on DATE (default today)\n"
    "  --practice FILE        forget: the practice, for longer retention terms\n"
    "                         (default $ZORGDOC_PRACTICE)\n"
    "password: the client's PDF password for protected zorgnota's (invoice render\n"
    "and batch --protect). --generate makes a random one (5 groups of 4, 99 bits,\n"
    "never derived from the client's data) and prints it once: give it to the\n"
    "client by phone or letter, not in the e-mail with the PDF. --replace makes a\n"
    "new one; --show prints it again (recorded in the audit log).\n"
    "\n"
    "  --db FILE              the store (default $ZORGDOC_DB, else ./dossier.db;\n"
    "                         created with mode 0600 on first use)\n"
    "\n"
    "Exit status: 0 ok, 1 bad input, 2 usage, 3 store error (busy, damaged,\n"
    "or from a newer zorgdoc).\n";

enum { O_DB, O_GUARDIAN, O_OUT, O_FORCE, O_DATE, O_PRACTICE, O_LOCALE, O_ERASED, O_FIELDS };
#define NOPTS (O_FIELDS + STORE_CF__MAX)

static void
opts_init(cmd_opt *opts, char names[STORE_CF__MAX][32])
{
	memset(opts, 0, NOPTS * sizeof *opts);
	opts[O_DB] = (cmd_opt){ .name = "db", .takes_value = 1 };
	opts[O_GUARDIAN] = (cmd_opt){ .name = "guardian", .takes_value = 1 };
	opts[O_OUT] = (cmd_opt){ .name = "o", .takes_value = 1 };
	opts[O_FORCE] = (cmd_opt){ .name = "force" };
	opts[O_DATE] = (cmd_opt){ .name = "date", .takes_value = 1 };
	opts[O_PRACTICE] = (cmd_opt){ .name = "practice", .takes_value = 1 };
	opts[O_LOCALE] = (cmd_opt){ .name = "locale", .takes_value = 1 };
	opts[O_ERASED] = (cmd_opt){ .name = "erased" };
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

/* client list: the clients with personal data, or (--erased) the
 * erased ones by id and date; counts the ones left out. */
typedef struct {
	int erased;      /* list --erased */
	size_t skipped;  /* erased clients not shown by a plain list */
} list_state;

static int
print_row(void *ud, const store_client *c)
{
	list_state *ls = ud;
	if (ls->erased) {
		if (c->erased)
			printf("%lld\t%s\n", (long long)c->id, c->erased);
		return 0;
	}
	if (c->erased) {
		ls->skipped++;
		return 0;
	}
	printf("%lld\t%s\t%s\t%s\n", (long long)c->id, c->v[STORE_CF_NAME] ? c->v[STORE_CF_NAME] : "",
	    c->v[STORE_CF_BIRTH_DATE] ? c->v[STORE_CF_BIRTH_DATE] : "",
	    c->v[STORE_CF_CITY] ? c->v[STORE_CF_CITY] : "");
	return 0;
}

static void
show(const store_client *c)
{
	printf("id: %lld\n", (long long)c->id);
	if (c->erased) {
		/* nothing personal is left to print: no empty name */
		printf("erased: %s\n", c->erased);
		fprintf(stderr, "client %lld: the personal data were erased on %s; only the "
		    "anonymised treatments are kept ('zorgdoc treatment list --client %lld')\n",
		    (long long)c->id, c->erased, (long long)c->id);
		return;
	}
	for (int f = 0; f < STORE_CF__MAX; f++)
		if (c->v[f])
			printf("%s: %s\n", store_client_field_name(f), c->v[f]);
	for (size_t i = 0; i < c->nguardians; i++)
		printf("guardian: %s\n", c->guardians[i]);
}

/* The transform's input with a practice: a copy of the practice model
 * with the export appended as the root's last child, so that the
 * statement's templates (which read /p:practice) word the art. 15(1)
 * information and client-export.xsl finds the data beside it. Owned;
 * NULL with an error in d. */
static xmlDocPtr
export_input(const practice *p, xmlDocPtr exp, diag *d)
{
	xmlDocPtr in = xmlCopyDoc(practice_doc(p), 1);
	xmlNodePtr root = in ? xmlDocGetRootElement(in) : NULL;
	xmlNodePtr x = root ? xmlDocCopyNode(xmlDocGetRootElement(exp), in, 1) : NULL;
	if (!x || !xmlAddChild(root, x)) {
		xmlFreeNode(x);
		xmlFreeDoc(in);
		diag_error(d, NULL, 0, 0, "out of memory joining the export and the practice");
		return NULL;
	}
	return in;
}

/* export: DIR/client-ID.xml and DIR/client-ID.pdf. The data are read
 * and the export logged in one transaction (a consistent picture); the
 * PDF is made before anything is written, and the XML is removed again
 * if the PDF cannot be written. b (may be NULL) is the practice that
 * holds the data. Returns a store status. */
static int
export_client(store *s, int64_t id, const char *dir, const char *locale, const billing *b,
    diag *d)
{
	char today[11];
	check_today(today);
	buf xml = BUF_INIT;
	const practice *pr = b ? billing_model(b) : NULL;
	int rc = store_begin(s, d);
	if (rc == STORE_OK && (rc = store_audit_read(s, "export", "client", id, id, NULL, d)) == STORE_OK &&
	    (rc = store_client_export(s, id, today, b ? billing_practice(b) : NULL, &xml, d)) == STORE_OK)
		rc = store_commit(s, d);
	store_rollback(s);
	if (rc != STORE_OK) {
		buf_free(&xml);
		return rc;
	}
	rc = STORE_EINPUT;
	mode_t mask = (mode_t)-1;
	char *xname = xasprintf("client-%lld.xml", (long long)id);
	char *pname = xasprintf("client-%lld.pdf", (long long)id);
	char *xpath = NULL, *ppath = NULL, *pdir = pr ? xstrdup(practice_path(pr)) : NULL;
	xmlDocPtr exp = NULL, in = NULL, doc = NULL;
	const char *params[] = { "locale", locale, NULL };
	if (!(exp = xmlsafe_read_memory(buf_str(&xml), xml.len, "client export", d)))
		goto out;
	if (pr && !(in = export_input(pr, exp, d)))
		goto out;
	if (!(doc = xform_apply("client-export.xsl", in ? in : exp, params, d)))
		goto out;
	/* The files hold personal data: readable by the user alone. */
	mask = umask(077);
	if (fsio_mkdirs(dir, d) != 0 || !(xpath = paths_join_safe(dir, xname, d)) ||
	    !(ppath = paths_join_safe(dir, pname, d)))
		goto out;
	if (fsio_write_file(xpath, buf_str(&xml), xml.len, FSIO_REPLACE, d) != 0)
		goto out;
	/* the logo is resolved beside the practice file */
	docgen_opts opt = { .format = DOCGEN_PDF, .locale = locale,
		.resource_dir = pdir ? dirname(pdir) : NULL };
	if (docgen_write(doc, &opt, ppath, d) != 0) {
		unlink(xpath);
		goto out;
	}
	printf("%s\n%s\n", xpath, ppath);
	if (!pr)
		fputs("warning: the export does not name the practice, nor tell the client the "
		    "purposes, recipients, retention terms and rights that AVG art. 15(1) asks for; "
		    "give the practice file with --practice FILE (or $ZORGDOC_PRACTICE) to add them\n",
		    stderr);
	rc = STORE_OK;
out:
	if (mask != (mode_t)-1)
		umask(mask);
	xmlFreeDoc(doc);
	xmlFreeDoc(in);
	xmlFreeDoc(exp);
	free(pdir);
	free(xpath);
	free(ppath);
	free(xname);
	free(pname);
	buf_free(&xml);
	return rc;
}

/* Collects the paths of documents written for a client (files the
 * store does not hold: the practice deletes them itself). */
static int
doc_path(void *ud, const store_document *doc)
{
	buf *b = ud;
	if (doc->path)
		buf_printf(b, "  %s\n", doc->path);
	return 0;
}

/* forget: refuses with the legal reason while a term runs (unless
 * forced), erases in one transaction, then VACUUMs. */
static int
forget_client(store *s, int64_t id, cmd_opt *opts, diag *d)
{
	char today[11];
	store_retention_policy pol;
	if (cmd_date_opt("--date", opts[O_DATE].value, today, d) != 0 ||
	    cmd_retention_policy(opts[O_PRACTICE].value, &pol, d) != 0)
		return STORE_EINPUT;
	int force = opts[O_FORCE].value != NULL;
	store_client_terms t;
	int rc = store_begin(s, d);
	if (rc != STORE_OK || (rc = store_client_terms_get(s, &pol, id, today, &t, d)) != STORE_OK)
		goto fail;
	if (t.erased) {
		rc = (diag_error(d, NULL, 0, 0, "client %lld: the personal data were already erased",
		    (long long)id), STORE_EINPUT);
		goto fail;
	}
	if (!force && !t.dossier_passed)
		diag_error(d, NULL, 0, 0, "client %lld: refusing to erase: the dossier must be kept "
		    "until %s (WGBO art. 7:454: %d years from the last change of its content). "
		    "If the client asked in writing to destroy it (WGBO art. 7:455), use --force",
		    (long long)id, t.dossier_end, pol.dossier_years);
	if (!force && !t.fiscal_passed)
		diag_error(d, NULL, 0, 0, "client %lld: refusing to erase: %zu issued invoice%s must "
		    "be kept until %s (art. 52 AWR: %d years from the end of the invoice year). "
		    "Invoices are never changed: with --force their frozen copies keep the name, "
		    "address and birth date they show until 'retention purge' deletes them after "
		    "that date", (long long)id, t.invoices, t.invoices == 1 ? "" : "s",
		    t.fiscal_end, pol.financial_years);
	if (!force && (!t.dossier_passed || !t.fiscal_passed)) {
		rc = STORE_EINPUT;
		goto fail;
	}
	buf paths = BUF_INIT;
	if ((rc = store_document_each(s, id, doc_path, &paths, d)) != STORE_OK) {
		buf_free(&paths);
		goto fail;
	}
	if ((rc = store_client_erase(s, id, today, force ? "forget (forced)" : "forget", d))
	    != STORE_OK || (rc = store_commit(s, d)) != STORE_OK)
		goto fail_paths;
	if ((rc = store_vacuum(s, d)) != STORE_OK) {
		buf_free(&paths);
		return rc;
	}
	fprintf(stderr, "client %lld: personal data erased; treatments kept anonymised", (long long)id);
	if (t.invoices)
		fprintf(stderr, "; %zu issued invoice%s kept unchanged until %s", t.invoices,
		    t.invoices == 1 ? "" : "s", t.fiscal_end);
	fputc('\n', stderr);
	if (paths.len)
		fprintf(stderr, "files written for this client outside the store; delete them "
		    "yourself where no term keeps them:\n%s", buf_str(&paths));
	buf_free(&paths);
	return STORE_OK;
fail_paths:
	buf_free(&paths);
fail:
	store_rollback(s);
	return rc;
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
	if (strcmp(sub, "password") == 0)
		return cmd_client_password(argc, argv, d);
	cmd_opt opts[NOPTS];
	char names[STORE_CF__MAX][32];
	opts_init(opts, names);
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE;
	store *s = NULL;
	store_client *c = NULL;
	billing *b = NULL;
	if (cmd_opts_parse(argc, argv, 2, opts, NOPTS, &pos, &npos, d) != 0)
		goto out;
	int is_add = strcmp(sub, "add") == 0, is_list = strcmp(sub, "list") == 0;
	int is_show = strcmp(sub, "show") == 0, is_edit = strcmp(sub, "edit") == 0;
	int is_export = strcmp(sub, "export") == 0, is_forget = strcmp(sub, "forget") == 0;
	if (!is_add && !is_list && !is_show && !is_edit && !is_export && !is_forget) {
		diag_error(d, NULL, 0, 0, "'client %s' is not a command; see 'zorgdoc client --help'",
		    sub);
		goto out;
	}
	int has_fields = opts[O_GUARDIAN].nall > 0;
	for (int f = 0; f < STORE_CF__MAX; f++)
		has_fields |= opts[O_FIELDS + f].value != NULL;
	int64_t id = 0;
	if (is_show || is_edit || is_export || is_forget) {
		if (npos != 1 || check_id(pos[0], &id) != 0) {
			diag_error(d, NULL, 0, 0, "client %s needs one client id", sub);
			goto out;
		}
	} else if (npos != 0) {
		diag_error(d, NULL, 0, 0, "client %s takes no arguments besides options", sub);
		goto out;
	}
	if ((is_list || is_show || is_export || is_forget) && has_fields) {
		diag_error(d, NULL, 0, 0, "client %s takes no field options", sub);
		goto out;
	}
	if (opts[O_ERASED].value && !is_list) {
		diag_error(d, NULL, 0, 0, "--erased is for client list");
		goto out;
	}
	if ((opts[O_OUT].value || opts[O_LOCALE].value) && !is_export) {
		diag_error(d, NULL, 0, 0, "-o and --locale are for client export");
		goto out;
	}
	if ((opts[O_FORCE].value || opts[O_DATE].value) && !is_forget) {
		diag_error(d, NULL, 0, 0, "--force and --date are for client forget");
		goto out;
	}
	if (opts[O_PRACTICE].value && !is_forget && !is_export) {
		diag_error(d, NULL, 0, 0, "--practice is for client export and forget");
		goto out;
	}
	if (is_export && (!opts[O_OUT].value || !*opts[O_OUT].value)) {
		diag_error(d, NULL, 0, 0, "client export needs -o DIR");
		goto out;
	}
	const char *locale = opts[O_LOCALE].value ? opts[O_LOCALE].value : "nl";
	if (strcmp(locale, "nl") != 0 && strcmp(locale, "en") != 0) {
		diag_error(d, NULL, 0, 0, "--locale must be nl or en");
		goto out;
	}
	if (opts[O_DATE].value && !check_date(opts[O_DATE].value)) {
		diag_error(d, NULL, 0, 0, "--date must be a real date YYYY-MM-DD");
		goto out;
	}
	if (is_edit && !has_fields) {
		diag_error(d, NULL, 0, 0, "client edit: nothing to change (give field options)");
		goto out;
	}
	if (is_export) {
		/* the practice (refused with its errors before the store is
		 * touched); its language unless --locale says otherwise */
		const char *pp = opts[O_PRACTICE].value;
		if (!pp || !*pp)
			pp = getenv("ZORGDOC_PRACTICE");
		if (pp && *pp) {
			if (!(b = billing_load(pp, d))) {
				status = EXIT_INPUT;
				goto out;
			}
			const char *lang = billing_practice(b)->lang;
			if (!opts[O_LOCALE].value && lang && (strcmp(lang, "nl") == 0 ||
			    strcmp(lang, "en") == 0))
				locale = lang;
		}
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
		list_state ls = { opts[O_ERASED].value != NULL, 0 };
		if ((rc = store_audit_read(s, "list", "client", 0, 0, ls.erased ? "erased" : NULL,
		    d)) == STORE_OK)
			rc = store_client_each(s, print_row, &ls, d);
		if (rc == STORE_OK && ls.skipped)
			fprintf(stderr, "client list: %zu erased client%s not shown (see 'zorgdoc client "
			    "list --erased')\n", ls.skipped, ls.skipped == 1 ? "" : "s");
	} else if (is_show) {
		if ((rc = store_client_load(s, id, &c, d)) == STORE_OK &&
		    (rc = store_audit_read(s, "read", "client", id, id, NULL, d)) == STORE_OK)
			show(c);
	} else if (is_export) {
		rc = export_client(s, id, opts[O_OUT].value, locale, b, d);
	} else if (is_forget) {
		rc = forget_client(s, id, opts, d);
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
	billing_free(b);
	store_client_free(c);
	store_free(s);
	cmd_opts_free(opts, NOPTS, pos);
	return status;
}
