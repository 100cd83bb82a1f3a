/* dpa — `zorgdoc dpa PRACTICE.xml ...`: the verwerkersovereenkomst
 * (processor agreement, GDPR art. 28(3)) from templates/dpa.xsl.
 *
 * Either the practice is the controller and one of its processors the
 * processor (--processor ID, or --all for one agreement per processor),
 * or — the construction of seed BioBalans — the practice is the processor
 * and a client the controller (--client NAME and address options; without
 * them a practice whose processor-agreement says practice-role="processor"
 * gets the agreement with blanks for the client to fill in; --client-id
 * takes name and address from the dossier store).
 * Output goes through docgen; the format follows the file extension
 * (--all: --format, default pdf). The client's name and address go into
 * the document only, never into messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../base/paths.h"
#include "../practice/practice.h"
#include "../store/rights.h"
#include "../store/store.h"
#include "cmd.h"
#include "docout.h"
#include "storecmd.h"
#include "../store/rights.h"

#include <sys/stat.h>

static const char usage[] =
    "usage: zorgdoc dpa [options] PRACTICE.xml\n"
    "\n"
    "Makes the verwerkersovereenkomst (processor agreement, GDPR art. 28(3))\n"
    "with Bijlage 1 (the processing) and Bijlage 2 (security measures).\n"
    "\n"
    "The practice as controller:\n"
    "  --processor ID      the agreement with processor ID of the practice file\n"
    "  --all               one agreement per processor, written to -o DIR as\n"
    "                      DIR/ID.FORMAT\n"
    "The practice as processor and a client as controller (seed BioBalans):\n"
    "  --client NAME       the client's name (omit it for a form with blanks,\n"
    "                      when processor-agreement/@practice-role is processor)\n"
    "  --client-street S, --client-postcode P, --client-city C\n"
    "                      the client's address\n"
    "  --client-id ID      name and address of client ID (or client number)\n"
    "                      from the dossier store\n"
    "  --db FILE           the store (default $ZORGDOC_DB, else ./dossier.db;\n"
    "                      it must exist)\n"
    "Output:\n"
    "  -o FILE|DIR         the output file (format from its extension: .pdf .html\n"
    "                      .txt .xml .png .svg), or with --all a directory\n"
    "  --format FMT        with --all: pdf (default), html, txt, xml, png, svg\n"
    "  --locale LL         language of the document: nl (default) or en\n"
    "  --draft             make it even when the practice has findings that block\n"
    "                      a final document (zorgdoc check: warnings), marked\n"
    "                      CONCEPT on every page\n"
    "\n"
    "Exit status: 0 ok, 1 bad input, blocking findings (nothing written) or\n"
    "failed output, 2 usage error, 3 store error.\n";

/* The processor elements of the practice, in file order. */
static xmlNodePtr
first_processor(const practice *p)
{
	xmlNodePtr root = xmlDocGetRootElement(practice_doc(p));
	for (xmlNodePtr s = root ? root->children : NULL; s; s = s->next)
		if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, BAD_CAST "processors"))
			for (xmlNodePtr c = s->children; c; c = c->next)
				if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "processor"))
					return c;
	return NULL;
}

static xmlNodePtr
next_processor(xmlNodePtr n)
{
	for (n = n->next; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "processor"))
			return n;
	return NULL;
}

static int
has_processor(const practice *p, const char *id)
{
	for (xmlNodePtr n = first_processor(p); n; n = next_processor(n)) {
		xmlChar *v = xmlGetProp(n, BAD_CAST "id");
		int eq = v && strcmp((const char *)v, id) == 0;
		xmlFree(v);
		if (eq)
			return 1;
	}
	return 0;
}

/* Does the practice file say the practice is the processor? */
static int
practice_is_processor(const practice *p)
{
	xmlNodePtr root = xmlDocGetRootElement(practice_doc(p));
	for (xmlNodePtr s = root ? root->children : NULL; s; s = s->next)
		if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, BAD_CAST "processor-agreement")) {
			xmlChar *v = xmlGetProp(s, BAD_CAST "practice-role");
			int r = v && strcmp((const char *)v, "processor") == 0;
			xmlFree(v);
			return r;
		}
	return 0;
}

typedef struct {
	const char *processor, *client, *street, *postcode, *city;
	const char *out, *format, *locale;
	const char *client_id, *db;
	int draft;
} dpa_args;

/* Fills the client's name and address from the store; the strings are
 * kept in *c (the caller frees it). Returns an exit status. Messages name
 * the id the user gave, never the client's data. */
static int
client_from_store(dpa_args *a, store_client **c, diag *d)
{
	const char *db = a->db;
	if (!db || !*db)
		db = getenv("ZORGDOC_DB");
	if (!db || !*db)
		db = "dossier.db";
	struct stat st;
	if (stat(db, &st) != 0) {
		diag_error(d, db, 0, 0, "no dossier store here (give --db FILE or set ZORGDOC_DB)");
		return EXIT_STORE;
	}
	store *s = store_open(db, d);
	if (!s)
		return EXIT_STORE;
	int64_t id = 0;
	int rc = STORE_OK;
	const char *p = a->client_id;
	int numeric = *p != '\0';
	for (; *p; p++)
		numeric &= *p >= '0' && *p <= '9';
	if (numeric && strlen(a->client_id) < 18)
		id = strtoll(a->client_id, NULL, 10);
	else
		rc = store_client_find_ref(s, a->client_id, &id, d);
	if (rc == STORE_OK)
		rc = store_client_load(s, id, c, d);
	if (rc == STORE_OK && (*c)->erased) {
		diag_error(d, NULL, 0, 0, "client %s: the personal data were erased on %s: there is "
		    "no name or address to fill in", a->client_id, (*c)->erased);
		store_free(s);
		return EXIT_INPUT;
	}
	/* The client's name and address go into the agreement: a logged read. */
	if (rc == STORE_OK)
		rc = store_audit_read(s, "read", "client", id, id, "dpa", d);
	store_free(s);
	if (rc != STORE_OK)
		return cmd_store_exit(rc);
	a->client = (*c)->v[STORE_CF_NAME];
	a->street = (*c)->v[STORE_CF_STREET];
	a->postcode = (*c)->v[STORE_CF_POSTCODE];
	a->city = (*c)->v[STORE_CF_CITY];
	if (!a->client || !*a->client) {
		diag_error(d, db, 0, 0, "client %s has no name", a->client_id);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

static int
one(const practice *p, const dpa_args *a, const char *processor, docgen_format fmt,
    const char *path, diag *d)
{
	const char *params[] = {
		"processor", processor ? processor : "",
		"client-name", a->client ? a->client : "",
		"client-street", a->street ? a->street : "",
		"client-postcode", a->postcode ? a->postcode : "",
		"client-city", a->city ? a->city : "",
		NULL
	};
	xmlDocPtr doc = docout_transform(p, "dpa.xsl", a->locale, params, d);
	if (!doc)
		return -1;
	const practice_policy *pol = practice_policy_get(p);
	if (a->draft && docout_mark_draft(doc, a->locale, pol ? pol->address : NULL, d) != 0) {
		xmlFreeDoc(doc);
		return -1;
	}
	int r = docout_write(p, doc, a->locale, "dpa.toc", fmt, path, d);
	xmlFreeDoc(doc);
	return r;
}

int
cmd_dpa(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	dpa_args a = { 0 };
	a.locale = "nl";
	int all = 0;
	const char *file = NULL;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char **slot = NULL;
		if (strcmp(o, "--all") == 0) {
			all = 1;
			continue;
		} else if (strcmp(o, "--draft") == 0) {
			a.draft = 1;
			continue;
		} else if (strcmp(o, "--processor") == 0) {
			slot = &a.processor;
		} else if (strcmp(o, "--client") == 0) {
			slot = &a.client;
		} else if (strcmp(o, "--client-street") == 0) {
			slot = &a.street;
		} else if (strcmp(o, "--client-postcode") == 0) {
			slot = &a.postcode;
		} else if (strcmp(o, "--client-city") == 0) {
			slot = &a.city;
		} else if (strcmp(o, "--client-id") == 0) {
			slot = &a.client_id;
		} else if (strcmp(o, "--db") == 0) {
			slot = &a.db;
		} else if (strcmp(o, "-o") == 0 || strcmp(o, "--output") == 0) {
			slot = &a.out;
		} else if (strcmp(o, "--format") == 0) {
			slot = &a.format;
		} else if (strcmp(o, "--locale") == 0) {
			slot = &a.locale;
		} else if (o[0] == '-' && o[1] != '\0') {
			fprintf(stderr, "zorgdoc dpa: unknown option '%s'\n%s", o, usage);
			return EXIT_USAGE;
		} else if (!file) {
			file = o;
			continue;
		} else {
			fprintf(stderr, "zorgdoc dpa: one practice file at a time\n%s", usage);
			return EXIT_USAGE;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "zorgdoc dpa: option '%s' needs a value\n%s", o, usage);
			return EXIT_USAGE;
		}
		*slot = argv[++i];
	}
	if (!file || !a.out) {
		fprintf(stderr, "zorgdoc dpa: a practice file and -o are needed\n%s", usage);
		return EXIT_USAGE;
	}
	if (a.client_id && (a.client || a.street || a.postcode || a.city)) {
		fprintf(stderr, "zorgdoc dpa: --client-id takes name and address from the store; "
		    "leave out --client and the address options\n%s", usage);
		return EXIT_USAGE;
	}
	if (a.db && !a.client_id) {
		fprintf(stderr, "zorgdoc dpa: --db goes with --client-id\n%s", usage);
		return EXIT_USAGE;
	}
	int client_mode = a.client || a.street || a.postcode || a.city || a.client_id;
	if ((all && a.processor) || (client_mode && (all || a.processor))) {
		fprintf(stderr, "zorgdoc dpa: --processor, --all and --client exclude each other\n%s", usage);
		return EXIT_USAGE;
	}
	if ((a.street || a.postcode || a.city) && !a.client) {
		fprintf(stderr, "zorgdoc dpa: the client's address needs --client NAME\n%s", usage);
		return EXIT_USAGE;
	}
	if (a.client && a.client[0] == '\0') {
		fprintf(stderr, "zorgdoc dpa: --client needs a name\n");
		return EXIT_USAGE;
	}
	if (!docout_locale_ok(a.locale)) {
		fprintf(stderr, "zorgdoc dpa: no locale '%s' (use nl or en)\n", a.locale);
		return EXIT_USAGE;
	}
	docgen_format fmt = DOCGEN__MAX;
	if (a.format) {
		if (!all) {
			fprintf(stderr, "zorgdoc dpa: --format goes with --all; otherwise the "
			    "extension of -o names the format\n");
			return EXIT_USAGE;
		}
		fmt = docgen_format_from_name(a.format);
		if (fmt == DOCGEN__MAX) {
			fprintf(stderr, "zorgdoc dpa: unknown format '%s'\n", a.format);
			return EXIT_USAGE;
		}
	} else if (all) {
		fmt = DOCGEN_PDF;
	}

	/* the practice first: a refused document reads no client data */
	practice *p = practice_load(file, d);
	if (!p || docout_gate(p, "dpa", a.draft, d) != 0) {
		practice_free(p);
		return EXIT_INPUT;
	}
	store_client *sc = NULL;
	if (a.client_id) {
		int st = client_from_store(&a, &sc, d);
		if (st != EXIT_OK) {
			store_client_free(sc);
			practice_free(p);
			return st;
		}
	}
	int status = EXIT_OK;
	if (all) {
		if (!first_processor(p)) {
			diag_error(d, file, 0, 0, "the practice has no processors (processors/processor)");
			status = EXIT_INPUT;
		} else if (fsio_mkdirs(a.out, d) != 0) {
			status = EXIT_INPUT;
		}
		static const char *const ext[DOCGEN__MAX] = { "pdf", "png", "svg", "html", "txt", "xml" };
		for (xmlNodePtr n = first_processor(p); status == EXIT_OK && n; n = next_processor(n)) {
			xmlChar *id = xmlGetProp(n, BAD_CAST "id");
			char *name = xasprintf("%s.%s", (const char *)id, ext[fmt]);
			char *path = paths_join_safe(a.out, name, d);
			if (!path || one(p, &a, (const char *)id, fmt, path, d) != 0)
				status = EXIT_INPUT;
			else
				printf("%s\n", path);
			free(path);
			free(name);
			xmlFree(id);
		}
	} else if (a.processor) {
		if (!has_processor(p, a.processor)) {
			diag_error(d, file, 0, 0, "the practice has no processor with id '%s' "
			    "(see processors/processor/@id)", a.processor);
			status = EXIT_INPUT;
		} else if (one(p, &a, a.processor, DOCGEN__MAX, a.out, d) != 0) {
			status = EXIT_INPUT;
		}
	} else if (client_mode || practice_is_processor(p)) {
		if (one(p, &a, NULL, DOCGEN__MAX, a.out, d) != 0)
			status = EXIT_INPUT;
	} else {
		practice_free(p);
		store_client_free(sc);
		fprintf(stderr, "zorgdoc dpa: name a processor (--processor ID or --all), or a "
		    "client (--client NAME)\n%s", usage);
		return EXIT_USAGE;
	}
	practice_free(p);
	store_client_free(sc);
	return status;
}
