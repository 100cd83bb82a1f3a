/* invoice — `zorgdoc invoice create|batch|credit|list|show`: invoices
 * (zorgnota's) and credit notes as frozen records in the store. Each is
 * numbered and snapshotted in one transaction (src/store/invoice.c);
 * rendering to PDF works from the snapshot alone and hooks into the
 * batch's per-invoice callback (on_issued below); with -o DIR, forked
 * workers render the PDFs (workers.h). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include <sodium.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../base/paths.h"
#include "../base/xmlsafe.h"
#include "../docgen/docgen.h"
#include "../render/merge.h"
#include "workers.h"
#include "../xform/xform.h"
#include "../store/check.h"
#include "cmd.h"
#include "epcqr.h"
#include "storecmd.h"
#include "../store/rights.h"

static const char usage[] =
    "usage: zorgdoc invoice create --client ID [--period YYYY-MM] [--date DATE]\n"
    "                              --practice FILE [--db FILE]\n"
    "       zorgdoc invoice batch --period YYYY-MM [--date DATE] [-o DIR [--jobs N]]\n"
    "                             --practice FILE [--db FILE]\n"
    "       zorgdoc invoice credit NUMBER [--date DATE] --practice FILE [--db FILE]\n"
    "       zorgdoc invoice list [--client ID] [--period YYYY-MM] [--db FILE]\n"
    "       zorgdoc invoice show NUMBER [--db FILE]\n"
    "       zorgdoc invoice render NUMBER -o FILE [--embed-data]\n"
    "                              [--protect | --password-file FILE]\n"
    "                              [--qr] [--db FILE]\n"
    "\n"
    "Invoices (zorgnota's) and credit notes. An invoice is a record: its number\n"
    "(the practice's pattern, gapless per year) and a snapshot of the practice's\n"
    "and the client's data are committed together, and it never changes after.\n"
    "\n"
    "  create   one invoice for the client's uninvoiced treatments (in the period)\n"
    "  batch    one invoice per client with uninvoiced treatments in the period;\n"
    "           safe to rerun or run twice at once: no client is invoiced twice.\n"
    "           Erased clients (forget, retention purge) are left out, counted\n"
    "           on stderr\n"
    "  credit   a credit note for invoice NUMBER (its own number, the lines\n"
    "           negated); the treatments can then be invoiced again\n"
    "  list     one invoice a line, tab-separated: number, date, kind (invoice or\n"
    "           credit), client (the practice's client number as on the invoice;\n"
    "           'id N', the store id that --client takes, when it had none),\n"
    "           total, number of lines, and 'credits NUMBER' or 'credited by\n"
    "           NUMBER' where it applies\n"
    "  show     the invoice's snapshot (XML, urn:zorgdoc:invoice:1)\n"
    "  render   the invoice as a PDF (or .png .svg .html .txt .xml), from its\n"
    "           snapshot alone: the same bytes however the practice or client\n"
    "           changed since\n"
    "\n"
    "  -o DIR (batch)         also write DIR/NUMBER.pdf for every invoice issued\n"
    "                         (an existing file is left alone), DIR/journal-PERIOD.csv\n"
    "                         (number, date, client, amount, VAT of every invoice\n"
    "                         and credit note of the period) and DIR/notas-PERIOD.pdf\n"
    "                         (all of them, for the accountant); a PDF left damaged\n"
    "                         by a crash is rendered again. Numbers go to stdout\n"
    "                         in order of issue; progress to stderr on a terminal\n"
    "  --jobs N (batch -o)    render with N processes (default: the online cores)\n"
    "  --embed-data           attach the invoice's snapshot XML to the PDF\n"
    "  --password-file FILE   protect the PDF (AES-256) with the password in FILE\n"
    "  --protect (render, batch)  protect each PDF (AES-256) with its client's own\n"
    "                         password ('zorgdoc client password ID --generate');\n"
    "                         a client without one is refused by number and\n"
    "                         nothing is written. The batch's merged copy for the\n"
    "                         accountant stays unprotected.\n"
    "  --qr                   print the EPC payment QR code even when the practice's\n"
    "                         invoicing/@payment-qr was not \"epc\" when the invoice\n"
    "                         was issued (never on a credit note)\n"
    "\n"
    "Before numbering, every required field is checked (the practice's AGB\n"
    "codes, KvK, IBAN, association; the client's name, address and birth date;\n"
    "each treatment's prestatiecode and description): a refusal names the\n"
    "field and the record, and numbers nothing.\n"
    "\n"
    "  --date DATE       invoice date (default: today, or $SOURCE_DATE_EPOCH)\n"
    "  --practice FILE   the practice (default $ZORGDOC_PRACTICE)\n"
    "  --db FILE         the store (default $ZORGDOC_DB, else ./dossier.db)\n"
    "\n"
    "Exit status: 0 ok, 1 bad input or refused, 2 usage, 3 store error.\n";

enum { O_DB, O_PRACTICE, O_CLIENT, O_PERIOD, O_DATE, O_OUT, O_EMBED, O_PWFILE, O_PROTECT,
	O_QR, O_JOBS, O__MAX };

/* ---- rendering from the snapshot (invoice render, batch -o) ---------- */

typedef struct {
	int embed;              /* attach the snapshot XML */
	const char *password;   /* AES-256 user password, or NULL */
	int protect;            /* AES-256 with the password of the invoice's
	                           client, from the store (--protect) */
	int qr;                 /* the payment QR code even if the snapshot has it off */
} nota_opts;

/* Runs templates/zorgnota.xsl on a parsed snapshot, with the EPC payment
 * QR payload (from the snapshot alone) when the snapshot asks for it or
 * force_qr is set and there is something to pay. Returns the document
 * (caller frees) or NULL with errors in d. */
static xmlDocPtr
nota_transform(xmlDocPtr in, const char *number, int force_qr, diag *d)
{
	char *qr = NULL;
	if (force_qr || epc_snapshot_wants(in)) {
		const char *err = NULL;
		qr = epc_payload_from_snapshot(in, &err);
		if (err) {
			diag_error(d, NULL, 0, 0, "invoice %s: no payment QR code: %s", number, err);
			return NULL;
		}
	}
	const char *params[] = { "payment-qr", qr ? qr : "", NULL };
	xmlDocPtr doc = xform_apply("zorgnota.xsl", in, params, d);
	free(qr);
	return doc;
}

/* Turns the stored snapshot of `number` into the zorgnota document.
 * Returns the document (caller frees) or NULL with errors in d; *rc gets
 * the store status. The snapshot bytes go to *xml when xml is not NULL. */
static xmlDocPtr
nota_document(store *s, const char *number, int force_qr, int *rc, char **xml, size_t *len,
    diag *d)
{
	char *x = NULL;
	size_t n = 0;
	if ((*rc = store_invoice_snapshot(s, number, &x, &n, d)) != STORE_OK)
		return NULL;
	xmlDocPtr doc = NULL, in = xmlsafe_read_memory(x, n, "invoice snapshot", d);
	if (in)
		doc = nota_transform(in, number, force_qr, d);
	xmlFreeDoc(in);
	if (!doc)
		*rc = STORE_EINPUT;
	if (doc && xml) {
		*xml = x;
		*len = n;
	} else {
		free(x);
	}
	return doc;
}

/* Renders invoice `number` from its snapshot to `path` (atomically,
 * replacing). Returns a store status (STORE_OK) with errors in d. */
static int
nota_render(store *s, const char *number, const char *path, const nota_opts *no, diag *d)
{
	int rc;
	char *xml = NULL, *tmp = NULL;
	size_t len = 0;
	xmlDocPtr doc = nota_document(s, number, no->qr, &rc, no->embed ? &xml : NULL, &len, d);
	if (!doc)
		return rc;
	char *clientpw = NULL;
	if (no->protect && (rc = store_invoice_password(s, number, &clientpw, d)) != STORE_OK) {
		xmlFreeDoc(doc);
		free(xml);
		return rc;
	}
	docgen_opts opt = { .format = docgen_format_from_path(path),
		.password = clientpw ? clientpw : no->password };
	render_attachment att = { NULL, NULL, "application/xml" };
	char *attname = NULL;
	if (no->embed) {
		/* docgen attaches files: the snapshot goes beside the output
		 * for the moment of rendering, never into a shared /tmp. */
		tmp = xasprintf("%s.snapshot.tmp", path);
		attname = xasprintf("zorgnota-%s.xml", number);
		att.path = tmp;
		att.name = attname;
		opt.attachments = &att;
		opt.nattachments = 1;
		if (fsio_write_file(tmp, xml, len, FSIO_REPLACE, d) != 0)
			rc = STORE_EINPUT;
	}
	if (rc == STORE_OK && docgen_write(doc, &opt, path, d) != 0)
		rc = STORE_EINPUT;
	if (tmp)
		unlink(tmp);
	free(tmp);
	free(attname);
	free(xml);
	xmlFreeDoc(doc);
	if (clientpw) {
		memset(clientpw, 0, strlen(clientpw));
		free(clientpw);
	}
	return rc;
}

/* ---- invoice batch -o DIR -------------------------------------------
 *
 * The parent issues invoices (store_invoice_batch, in transactions) and
 * hands each committed snapshot to the rendering workers (workers.h),
 * which write DIR/NUMBER.pdf. Then every invoice of the period is checked
 * for its PDF (one missing or damaged after a killed batch is rendered
 * again), the file system is synced once, and the journal and the merged
 * PDF are written unless they are up to date. See docs/store.md
 * ("Batches and their files"). */

enum { NOTA_TASK_NEW = 0, NOTA_TASK_REPLACE = 1, NOTA_TASK_PROTECT = 2 };

/* A worker's task: DIR/NUMBER.pdf from the snapshot. A new file never
 * replaces an existing one (a concurrent batch may have written it: same
 * invoice, same bytes); a damaged one is replaced. No fsync per file: the
 * batch syncs the file system once at the end. */
static int
nota_task(void *ud, const char *number, unsigned flags, const char *snap, size_t len, diag *d)
{
	const char *outdir = ud;
	char *name = xasprintf("%s.pdf", number);
	char *path = paths_join_safe(outdir, name, d);
	free(name);
	if (!path)
		return -1;
	/* NOTA_TASK_PROTECT: the data is the client's PDF password, a NUL,
	 * then the snapshot */
	const char *pw = NULL;
	if (flags & NOTA_TASK_PROTECT) {
		size_t pl = strnlen(snap, len);
		if (pl == len || pl == 0) {
			free(path);
			return diag_error(d, NULL, 0, 0, "invoice %s: no PDF password", number);
		}
		pw = snap;
		snap += pl + 1;
		len -= pl + 1;
	}
	int rc = -1;
	xmlDocPtr doc = NULL, in = xmlsafe_read_memory(snap, len, "invoice snapshot", d);
	if (in)
		doc = nota_transform(in, number, 0, d);
	xmlFreeDoc(in);
	if (doc) {
		docgen_opts opt = { .format = DOCGEN_PDF, .password = pw, .fsio_flags = FSIO_NOSYNC |
			(flags & NOTA_TASK_REPLACE ? FSIO_REPLACE : FSIO_NOREPLACE) };
		diag local = DIAG_INIT;
		rc = docgen_write(doc, &opt, path, &local);
		if (rc != 0 && !(flags & NOTA_TASK_REPLACE) &&
		    render_pdf_check(path) == RENDER_PDF_COMPLETE) {
			rc = 0;
			diag_free(&local);
		} else {
			diag_move(d, &local);
		}
	}
	xmlFreeDoc(doc);
	free(path);
	return rc;
}

typedef struct {
	int progress;
	struct timespec start;
	store *s;             /* batch -o: the store to render from */
	const char *outdir;   /* batch -o DIR, or NULL */
	workers *pool;        /* batch -o: the renderers */
	diag *d;
	size_t total;         /* PDFs expected to be rendered (progress) */
	size_t submitted, rendered;
	int failed;           /* a PDF could not be rendered or is not ours */
	int protect;          /* batch --protect: each PDF with its client's password */
	const store_practice *practice; /* batch -o: its name and language title
	                                   the merged PDF */
} batch_ui;

static double
since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
show_progress(batch_ui *ui, size_t done, size_t total)
{
	if (!ui->progress)
		return;
	double el = since(&ui->start);
	double rate = el > 0 ? (double)done / el : 0;
	double left = rate > 0 ? (double)(total - done) / rate : 0;
	fprintf(stderr, "\rinvoice batch: %zu/%zu  %.0f/s  %.0f s left ", done, total, rate, left);
	fflush(stderr);
}

/* A worker finished a PDF (in the order they were handed out). */
static void
on_rendered(void *ud, const char *number, int ok)
{
	batch_ui *ui = ud;
	(void)number;
	if (ok) {
		ui->rendered++;
		show_progress(ui, ui->rendered, ui->total > ui->rendered ? ui->total : ui->rendered);
	}
}

/* Whether DIR/NUMBER.pdf must be rendered: 0 when it is complete (or
 * is not ours: an error, said once when report_foreign), 1 with the task
 * flags in *flags when it is missing or damaged (a damaged file, the
 * remains of a crash, is replaced), -1 when the path is refused. */
static int
nota_need(batch_ui *ui, const char *number, int report_foreign, unsigned *flags)
{
	char *name = xasprintf("%s.pdf", number);
	char *path = paths_join_safe(ui->outdir, name, ui->d);
	free(name);
	if (!path)
		return -1;
	int need = 0;
	render_pdf_state st = render_pdf_check(path);
	if (st == RENDER_PDF_FOREIGN && !report_foreign) {
		/* batch_outputs says so, once */
	} else if (st == RENDER_PDF_FOREIGN) {
		diag_error(ui->d, path, 0, 0, "not a complete PDF and not one zorgdoc wrote: left "
		    "alone (remove it to have it rendered again)");
		ui->failed = 1;
	} else if (st != RENDER_PDF_COMPLETE) {
		*flags = st == RENDER_PDF_DAMAGED ? NOTA_TASK_REPLACE : NOTA_TASK_NEW;
		need = 1;
	}
	free(path);
	return need;
}

/* Hands the snapshot of `number` (with --protect, its client's password)
 * to a worker. Returns a store status. */
static int
nota_submit(batch_ui *ui, const char *number, unsigned flags)
{
	char *xml = NULL, *pw = NULL;
	size_t len = 0;
	int rc = STORE_OK;
	buf task = BUF_INIT;
	if (ui->protect && (rc = store_invoice_password(ui->s, number, &pw, ui->d)) == STORE_OK) {
		/* the client's password goes to the worker with the task */
		buf_append(&task, pw, strlen(pw) + 1);
		flags |= NOTA_TASK_PROTECT;
	}
	if (rc == STORE_OK &&
	    (rc = store_invoice_snapshot(ui->s, number, &xml, &len, ui->d)) == STORE_OK) {
		buf_append(&task, xml, len);
		ui->submitted++;
		if (workers_submit(ui->pool, number, flags, task.s, task.len, on_rendered, ui,
		    ui->d) != 0) {
			ui->failed = 1;
			rc = STORE_EINPUT;
		}
	}
	if (task.s)
		memset(task.s, 0, task.len);
	if (pw) {
		memset(pw, 0, strlen(pw));
		free(pw);
	}
	buf_free(&task);
	free(xml);
	return rc;
}

/* Called after each commit for every invoice it held: the number goes to
 * stdout (in order of issue) and, with -o, the committed snapshot to a
 * renderer, so a killed batch leaves every number re-renderable. */
static int
on_issued(void *ud, const char *number, int64_t client_id, size_t done, size_t total)
{
	batch_ui *ui = ud;
	(void)client_id;
	printf("%s\n", number);
	if (ui->outdir) {
		if (ui->total < total)
			ui->total = total;
		/* the first rendering of an invoice this run just issued goes
		 * with the "issue" audit entry of the commit that numbered it:
		 * no read entry of its own (a re-rendering gets one: below) */
		unsigned flags = 0;
		int need = nota_need(ui, number, 0, &flags);
		if (need < 0)
			return STORE_EINPUT;
		return need == 0 || nota_submit(ui, number, flags) == STORE_OK ? 0 : STORE_EINPUT;
	}
	show_progress(ui, done, total);
	return 0;
}

/* Appends a CSV field (RFC 4180: quoted when it holds a separator, a
 * quote or a line break; a leading = + - @ is prefixed with ' so that a
 * spreadsheet never runs it as a formula). NULL: an empty field. */
static void
csv_field(buf *b, const char *v)
{
	if (!v)
		return;
	int quote = strpbrk(v, ",;\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (strchr("=+-@", v[0]) && v[0])
		buf_putc(b, '\'');
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

/* An invoice of the period whose PDF is missing or damaged: rendered
 * again from its snapshot once its audit row is written. */
typedef struct {
	char *number;
	int64_t id, client_id;
	unsigned flags;
} rerender;

typedef struct {
	batch_ui *ui;
	const char *period;
	rerender *redo;   /* PDFs to render again (owned) */
	size_t nredo, capredo;
	buf csv;
	buf fp;        /* what the merged PDF is made of: number, snapshot hash */
	char **pdfs;   /* the period's PDFs, for the merged copy (owned) */
	char **numbers; /* their invoice numbers: the merged copy's bookmarks (owned) */
	size_t npdfs, cap;
	int rc;
	char **pws;    /* --protect: each PDF's password, to merge (owned) */
} journal;

/* batch -o: every invoice and credit note of the period gets its PDF (one
 * missing or damaged, e.g. after a killed batch, is noted to be rendered
 * again) and a journal line. */
static int
journal_add(void *ud, const store_invoice *inv)
{
	journal *j = ud;
	if (!inv->period || strcmp(inv->period, j->period) != 0)
		return 0;
	unsigned flags = 0;
	int need = nota_need(j->ui, inv->number, 1, &flags);
	if (need < 0) {
		j->rc = STORE_EINPUT;
		return 1;
	}
	if (need) {
		if (j->nredo == j->capredo) {
			j->capredo = j->capredo ? 2 * j->capredo : 16;
			j->redo = xrealloc(j->redo, j->capredo * sizeof *j->redo);
		}
		j->redo[j->nredo++] = (rerender){ xstrdup(inv->number), inv->id, inv->client_id,
			flags };
	}
	char *name = xasprintf("%s.pdf", inv->number);
	char *path = paths_join_safe(j->ui->outdir, name, j->ui->d);
	free(name);
	if (!path) {
		j->rc = STORE_EINPUT;
		return 1;
	}
	if (j->npdfs == j->cap) {
		j->cap = j->cap ? 2 * j->cap : 256;
		j->pdfs = xrealloc(j->pdfs, j->cap * sizeof *j->pdfs);
		j->numbers = xrealloc(j->numbers, j->cap * sizeof *j->numbers);
		if (j->ui->protect)
			j->pws = xrealloc(j->pws, j->cap * sizeof *j->pws);
	}
	if (j->ui->protect) {
		char *pw = NULL;
		if ((j->rc = store_invoice_password(j->ui->s, inv->number, &pw, j->ui->d)) != STORE_OK) {
			free(path);
			return 1;
		}
		j->pws[j->npdfs] = pw;
	}
	j->numbers[j->npdfs] = xstrdup(inv->number);
	j->pdfs[j->npdfs++] = path;
	buf_printf(&j->fp, "%s %s\n", inv->number, inv->sha256);
	int64_t t = inv->total_cents, v = inv->vat_cents;
	buf_printf(&j->csv, "%s,%s,", inv->number, inv->date);
	csv_field(&j->csv, inv->client_ref);
	buf_printf(&j->csv, ",%s%lld.%02lld,%s%lld.%02lld\n",
	    t < 0 ? "-" : "", (long long)(t < 0 ? -t : t) / 100,
	    (long long)(t < 0 ? -t : t) % 100, v < 0 ? "-" : "", (long long)(v < 0 ? -v : v) / 100,
	    (long long)(v < 0 ? -v : v) % 100);
	return 0;
}

/* Writes `path` atomically unless it already holds exactly these bytes
 * (a rerun rewrites nothing). Returns 0 or -1 with errors in d. */
static int
write_if_changed(const char *path, const buf *b, diag *d)
{
	char *old = NULL;
	size_t len = 0;
	diag ignore = DIAG_INIT;
	int same = fsio_read_file(path, b->len + 1, &old, &len, &ignore) == 0 && len == b->len &&
	    memcmp(old, buf_str(b), len) == 0;
	free(old);
	diag_free(&ignore);
	return same ? 0 : fsio_write_file(path, buf_str(b), b->len, FSIO_REPLACE, d);
}

/* Makes the PDFs written without fsync durable: one syncfs of the output
 * directory's file system. Returns 0 or -1 with an error. */
static int
sync_outdir(const char *dir, diag *d)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || syncfs(fd) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return diag_error(d, dir, 0, 0, "cannot sync the files written: %s", strerror(e));
	}
	close(fd);
	return 0;
}

/* Renders again the PDFs found missing or damaged. Rendering reads a
 * snapshot with the client's personal data, so each is an audit entry
 * ("render", detail "batch: missing PDF" or "batch: damaged PDF"); the
 * rows go in one transaction (one commit for all, not one per invoice)
 * before any snapshot is read, and when they cannot be written nothing
 * is rendered. Returns a store status. */
static int
rerender_all(batch_ui *ui, const rerender *v, size_t n)
{
	int rc = store_begin(ui->s, ui->d);
	for (size_t i = 0; rc == STORE_OK && i < n; i++)
		rc = store_audit_read(ui->s, "render", "invoice", v[i].id, v[i].client_id,
		    v[i].flags & NOTA_TASK_REPLACE ? "batch: damaged PDF" : "batch: missing PDF",
		    ui->d);
	if (rc == STORE_OK)
		rc = store_commit(ui->s, ui->d);
	else
		store_rollback(ui->s);
	ui->total += n;  /* progress: done of all to be rendered */
	for (size_t i = 0; rc == STORE_OK && i < n; i++)
		rc = nota_submit(ui, v[i].number, v[i].flags);
	return rc;
}

/* The title of the merged PDF of period's notas ("Zorgnota's Chakora,
 * november 2023"; templates/notas-title.xsl, in the practice's language),
 * owned; NULL with errors in d. */
static char *
notas_title(const store_practice *p, const char *period, diag *d)
{
	xmlDocPtr in = xmlNewDoc(BAD_CAST "1.0");
	xmlDocSetRootElement(in, xmlNewDocNode(in, NULL, BAD_CAST "none", NULL));
	const char *params[] = { "locale", p->lang && strcmp(p->lang, "en") == 0 ? "en" : "nl",
		"practice", p->name ? p->name : "", "period", period, NULL };
	buf b = BUF_INIT;
	int r = xform_apply_to_buf("notas-title.xsl", in, params, &b, d);
	xmlFreeDoc(in);
	if (r != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* batch -o: the PDFs of the period, DIR/journal-PERIOD.csv and
 * DIR/notas-PERIOD.pdf (all of the period's PDFs in one file, titled,
 * with a bookmark per invoice number). The merged file's /ID is a hash
 * of what it holds (its title, the invoices' numbers and snapshot
 * hashes): when it matches, the file is up to date and is neither rebuilt
 * nor rewritten. */
static int
batch_outputs(batch_ui *ui, const char *period)
{
	journal j = { ui, period, NULL, 0, 0, BUF_INIT, BUF_INIT, NULL, NULL, 0, 0, STORE_OK,
		NULL };
	buf_puts(&j.csv, "number,date,client,amount,vat\n");
	char *title = notas_title(ui->practice, period, ui->d);
	if (!title)
		return STORE_EINPUT;
	const char *lang = ui->practice->lang && strcmp(ui->practice->lang, "en") == 0 ? "en" : "nl";
	buf_printf(&j.fp, "zorgdoc notas 2\n%s\n%s\n", lang, title);
	store_invoice_filter f = { 0, NULL };
	/* The PDFs handed out while issuing are finished first, so that the
	 * check below sees them. */
	int rc = workers_wait(ui->pool, on_rendered, ui, ui->d) != 0 ? STORE_EINPUT : STORE_OK;
	if (rc == STORE_OK)
		rc = store_invoice_each(ui->s, &f, journal_add, &j, ui->d);
	if (j.rc != STORE_OK)
		rc = j.rc;
	if (rc == STORE_OK && j.nredo)
		rc = rerender_all(ui, j.redo, j.nredo);
	if (workers_wait(ui->pool, on_rendered, ui, ui->d) != 0 || ui->failed)
		rc = STORE_EINPUT;
	if (ui->progress && ui->submitted)
		fputc('\n', stderr);
	/* Always: PDFs a killed run wrote (and this one found complete) may
	 * not be on the disk yet either. */
	if (rc == STORE_OK && sync_outdir(ui->outdir, ui->d) != 0)
		rc = STORE_EINPUT;
	if (rc == STORE_OK) {
		char *name = xasprintf("journal-%s.csv", period);
		char *path = paths_join_safe(ui->outdir, name, ui->d);
		if (!path || write_if_changed(path, &j.csv, ui->d) != 0)
			rc = STORE_EINPUT;
		free(path);
		free(name);
	}
	if (rc == STORE_OK && j.npdfs) {
		unsigned char id[RENDER_PDF_ID_BYTES];
		crypto_hash_sha256(id, (const unsigned char *)j.fp.s, j.fp.len);
		char *name = xasprintf("notas-%s.pdf", period);
		char *path = paths_join_safe(ui->outdir, name, ui->d);
		if (!path || (!render_pdf_id_matches(path, id) &&
		    render_pdf_merge_file((const char *const *)j.pdfs, (const char *const *)j.pws,
		    j.npdfs, &(render_pdf_meta){ title, lang, (const char *const *)j.numbers }, id,
		    path, ui->d) != 0))
			rc = STORE_EINPUT;
		free(path);
		free(name);
	}
	for (size_t i = 0; i < j.npdfs; i++) {
		free(j.pdfs[i]);
		free(j.numbers[i]);
		if (j.pws) {
			memset(j.pws[i], 0, strlen(j.pws[i]));
			free(j.pws[i]);
		}
	}
	for (size_t i = 0; i < j.nredo; i++)
		free(j.redo[i].number);
	free(j.redo);
	free(j.pdfs);
	free(j.numbers);
	free(j.pws);
	free(title);
	buf_free(&j.csv);
	buf_free(&j.fp);
	return rc;
}

/* The number of rendering workers: --jobs N, else the online cores. */
static int
batch_jobs(const char *v, diag *d)
{
	if (!v) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		return n < 1 ? 1 : n > 64 ? 64 : (int)n;
	}
	char *end;
	long n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n < 1 || n > 64)
		return diag_error(d, NULL, 0, 0, "--jobs takes a number from 1 to 64"), 0;
	return (int)n;
}

typedef struct {
	size_t n;
	diag *d;
} missing_pw;

/* batch --protect: names a client without a PDF password (by number). */
static int
no_password(void *ud, int64_t client_id)
{
	missing_pw *m = ud;
	m->n++;
	diag_error(m->d, NULL, 0, 0, "client %lld has no PDF password: make one with 'zorgdoc "
	    "client password %lld --generate' (nothing was issued or written)",
	    (long long)client_id, (long long)client_id);
	return 0;
}

static int
print_invoice(void *ud, const store_invoice *inv)
{
	(void)ud;
	char total[32];
	check_format_cents(inv->total_cents, total);
	/* The client as the practice knows it (its own number, as on the
	 * invoice and in the journal); the store id only when it has none. */
	if (inv->client_ref)
		printf("%s\t%s\t%s\t%s\t%s\t%d", inv->number, inv->date, inv->kind,
		    inv->client_ref, total, inv->nlines);
	else
		printf("%s\t%s\t%s\tid %lld\t%s\t%d", inv->number, inv->date, inv->kind,
		    (long long)inv->client_id, total, inv->nlines);
	if (inv->credits)
		printf("\tcredits %s", inv->credits);
	else if (inv->credited_by)
		printf("\tcredited by %s", inv->credited_by);
	putchar('\n');
	return 0;
}

int
cmd_invoice(int argc, char **argv, diag *d)
{
	if (cmd_wants_help(argc, argv, usage))
		return EXIT_OK;
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	const char *sub = argv[1];
	cmd_opt o[O__MAX] = {
		[O_DB] = { .name = "db", .takes_value = 1 },
		[O_PRACTICE] = { .name = "practice", .takes_value = 1 },
		[O_CLIENT] = { .name = "client", .takes_value = 1 },
		[O_PERIOD] = { .name = "period", .takes_value = 1 },
		[O_DATE] = { .name = "date", .takes_value = 1 },
		[O_OUT] = { .name = "o", .takes_value = 1 },
		[O_EMBED] = { .name = "embed-data" },
		[O_PWFILE] = { .name = "password-file", .takes_value = 1 },
		[O_PROTECT] = { .name = "protect" },
		[O_QR] = { .name = "qr" },
		[O_JOBS] = { .name = "jobs", .takes_value = 1 },
	};
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE, rc = STORE_OK;
	store *s = NULL;
	billing *b = NULL;
	workers *pool = NULL;
	char today[11];
	char *number = NULL, *password = NULL;
	if (cmd_opts_parse(argc, argv, 2, o, O__MAX, &pos, &npos, d) != 0)
		goto out;
	int create = strcmp(sub, "create") == 0, batch = strcmp(sub, "batch") == 0;
	int credit = strcmp(sub, "credit") == 0, list = strcmp(sub, "list") == 0;
	int show = strcmp(sub, "show") == 0, render = strcmp(sub, "render") == 0;
	if (!create && !batch && !credit && !list && !show && !render) {
		diag_error(d, NULL, 0, 0, "'invoice %s' is not a command; see "
		    "'zorgdoc invoice --help'", sub);
		goto out;
	}
	int64_t client_id = 0;
	if ((create && !o[O_CLIENT].value) ||
	    (o[O_CLIENT].value && check_id(o[O_CLIENT].value, &client_id) != 0)) {
		diag_error(d, NULL, 0, 0, "invoice %s needs --client ID", sub);
		goto out;
	}
	if ((batch && !o[O_PERIOD].value) || (o[O_PERIOD].value && !check_period(o[O_PERIOD].value))) {
		diag_error(d, NULL, 0, 0, "invoice %s needs --period YYYY-MM (a real month)", sub);
		goto out;
	}
	if (o[O_DATE].value && !check_date(o[O_DATE].value)) {
		diag_error(d, NULL, 0, 0, "--date must be a real date YYYY-MM-DD");
		goto out;
	}
	int one = credit || show || render;
	if ((one && npos != 1) || (!one && npos != 0)) {
		diag_error(d, NULL, 0, 0, one ? "invoice %s needs one invoice number"
		    : "invoice %s takes only options", sub);
		goto out;
	}
	if ((render && !o[O_OUT].value) || (o[O_OUT].value && !render && !batch) ||
	    ((o[O_EMBED].value || o[O_PWFILE].value || o[O_QR].value) && !render)) {
		diag_error(d, NULL, 0, 0, render ? "invoice render needs -o FILE"
		    : "-o is for invoice render and batch; --embed-data, --password-file "
		    "and --qr for invoice render");
		goto out;
	}
	if (o[O_JOBS].value && !batch) {
		diag_error(d, NULL, 0, 0, "--jobs is for invoice batch");
		goto out;
	}
	int jobs = batch ? batch_jobs(o[O_JOBS].value, d) : 1;
	if (!jobs)
		goto out;
	if (render && docgen_format_from_path(o[O_OUT].value) == DOCGEN__MAX) {
		diag_error(d, o[O_OUT].value, 0, 0, "unknown output format (use .pdf, .png, .svg, "
		    ".html, .txt or .xml)");
		goto out;
	}
	if (render && (o[O_EMBED].value || o[O_PWFILE].value || o[O_PROTECT].value) &&
	    docgen_format_from_path(o[O_OUT].value) != DOCGEN_PDF) {
		diag_error(d, o[O_OUT].value, 0, 0, "--embed-data, --protect and --password-file "
		    "need a PDF");
		goto out;
	}
	if (o[O_PROTECT].value && (o[O_PWFILE].value || (!render && !(batch && o[O_OUT].value)))) {
		diag_error(d, NULL, 0, 0, "--protect is for invoice render and batch -o DIR, and "
		    "not with --password-file");
		goto out;
	}
	if (render && o[O_PWFILE].value) {
		size_t plen;
		if (fsio_read_file(o[O_PWFILE].value, 4096, &password, &plen, d) != 0) {
			status = EXIT_INPUT;
			goto out;
		}
		password[strcspn(password, "\r\n")] = '\0';
		if (!*password) {
			diag_error(d, o[O_PWFILE].value, 1, 1, "the password file is empty");
			status = EXIT_INPUT;
			goto out;
		}
	}
	check_today(today);
	store_invoice_opts io = { o[O_DATE].value ? o[O_DATE].value : today, o[O_PERIOD].value, 0 };
	/* With rendering workers, chunks of 32: the parent issues and commits
	 * the next chunk while the workers render the last one, and 32 take
	 * less time than the 16 each worker has queued (128 left them idle). */
	if (jobs > 1 && o[O_OUT].value)
		io.chunk = 32;
	if (create || batch || credit) {
		if (!(b = cmd_billing_load(o[O_PRACTICE].value, d)) ||
		    billing_freeze_logo(b, d) != 0) {
			status = EXIT_INPUT;
			goto out;
		}
	}
	/* The renderers start before the store is opened: no store handle
	 * (or key) is ever in a worker. */
	if (batch && o[O_OUT].value) {
		/* Thousands of documents of the same size: keep freed memory
		 * for the next one instead of returning it to the kernel and
		 * faulting it in again (a third of a batch's time went to
		 * page faults). Peak memory is what one document needs. */
		mallopt(M_TRIM_THRESHOLD, 256 << 20);
		mallopt(M_MMAP_THRESHOLD, 64 << 20);
		mallopt(M_TOP_PAD, 16 << 20);
		if (!(pool = workers_new(jobs, nota_task, (void *)o[O_OUT].value, d))) {
			status = EXIT_INPUT;
			goto out;
		}
	}
	if (!(s = cmd_store_open(o[O_DB].value, d))) {
		status = EXIT_STORE;
		goto out;
	}
	if (create) {
		rc = store_invoice_create(s, billing_practice(b), client_id, &io, &number, d);
		if (rc == STORE_OK)
			printf("%s\n", number);
	} else if (batch) {
		batch_ui ui = { isatty(2), { 0, 0 }, s, o[O_OUT].value, pool, d, 0, 0, 0, 0,
			o[O_PROTECT].value != NULL, billing_practice(b) };
		clock_gettime(CLOCK_MONOTONIC, &ui.start);
		store_batch_stats st;
		/* --protect: every client concerned needs a password before
		 * anything is numbered or written. */
		if (ui.protect) {
			missing_pw m = { 0, d };
			if ((rc = store_client_password_missing(s, io.period, no_password, &m, d))
			    != STORE_OK || m.n) {
				status = m.n ? EXIT_INPUT : cmd_store_exit(rc);
				goto out;
			}
		}
		if (ui.outdir && fsio_mkdirs(ui.outdir, d) != 0) {
			status = EXIT_INPUT;
			goto out;
		}
		if (ui.outdir) {
			/* a directory we cannot write to is found out before a
			 * number is given, not after */
			fsio_sweep_temps(ui.outdir);
			char *name = xasprintf("journal-%s.csv", io.period);
			char *path = paths_join_safe(ui.outdir, name, d);
			fsio_atomic *probe = path ? fsio_atomic_open(path, FSIO_REPLACE, d) : NULL;
			int writable = probe != NULL;
			fsio_atomic_abort(probe);
			free(path);
			free(name);
			if (!writable) {
				status = EXIT_INPUT;
				goto out;
			}
		}
		rc = store_invoice_batch(s, billing_practice(b), &io, on_issued, &ui, &st, d);
		if (st.erased)
			fprintf(stderr, "invoice batch: %zu erased client%s with uninvoiced treatments "
			    "in %s left out (see 'zorgdoc client list --erased')\n", st.erased,
			    st.erased == 1 ? "" : "s", io.period);
		if (ui.outdir) {
			/* also after a failure: what was handed out is finished */
			int orc = rc == STORE_OK ? batch_outputs(&ui, io.period) :
			    (workers_wait(pool, on_rendered, &ui, d), rc);
			if (workers_close(pool, d) != 0 && orc == STORE_OK)
				orc = STORE_EINPUT;
			rc = orc;
		} else if (ui.progress && st.issued) {
			fputc('\n', stderr);
		}
		if (rc == STORE_OK && ui.progress)
			fprintf(stderr, "invoice batch: %zu issued, %zu already invoiced, in %.1f s\n",
			    st.issued, st.skipped, since(&ui.start));
	} else if (credit) {
		rc = store_invoice_credit(s, billing_practice(b), pos[0], &io, &number, d);
		if (rc == STORE_OK)
			printf("%s\n", number);
	} else if (render) {
		nota_opts no = { o[O_EMBED].value != NULL, password, o[O_PROTECT].value != NULL,
			o[O_QR].value != NULL };
		rc = store_audit_read_invoice(s, "render", pos[0], d);
		if (rc == STORE_OK)
			rc = nota_render(s, pos[0], o[O_OUT].value, &no, d);
	} else if (list) {
		store_invoice_filter f = { client_id, o[O_PERIOD].value };
		rc = store_audit_read(s, "list", "invoice", 0, client_id, NULL, d);
		if (rc == STORE_OK)
			rc = store_invoice_each(s, &f, print_invoice, NULL, d);
	} else {
		char *xml;
		size_t len;
		rc = store_audit_read_invoice(s, "read", pos[0], d);
		if (rc == STORE_OK)
			rc = store_invoice_snapshot(s, pos[0], &xml, &len, d);
		if (rc == STORE_OK) {
			fwrite(xml, 1, len, stdout);
			free(xml);
		}
	}
	status = cmd_store_exit(rc);
out:
	if (password) {
		memset(password, 0, strlen(password));
		free(password);
	}
	free(number);
	billing_free(b);
	store_free(s);
	workers_free(pool);
	cmd_opts_free(o, O__MAX, pos);
	return status;
}
