/* invoice — invoices and credit notes as frozen records.
 *
 * An invoice is issued in one transaction that checks every required
 * field (pre-flight), takes the next number of the year from
 * number_series, writes the snapshot (XML, urn:zorgdoc:invoice:1, see
 * docs/invoice-snapshot.md) with the practice's and the client's data as
 * they are at that moment, the lines, and marks the treatments invoiced.
 * Nothing of it is ever updated afterwards (triggers refuse it); a credit
 * note with its own number corrects an invoice. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "../base/buf.h"
#include "check.h"
#include "store_int.h"

#define SNAPSHOT_NS "urn:zorgdoc:invoice:1"
#define MAX_NUMBER 64

/* ---- numbers -------------------------------------------------------- */

char *
store_number_format(const char *pattern, int year, int64_t seq, const char **err)
{
	buf b = BUF_INIT;
	int nyear = 0, nseq = 0;
	*err = NULL;
	if (!pattern || !*pattern) {
		*err = "is empty";
		return NULL;
	}
	for (const char *p = pattern; *p;) {
		if (*p == '{') {
			const char *end = strchr(p, '}');
			if (!end) {
				*err = "has a '{' without '}'";
				goto fail;
			}
			size_t n = (size_t)(end - p - 1);
			if (n == 4 && strncmp(p + 1, "year", 4) == 0) {
				buf_printf(&b, "%04d", year);
				nyear++;
			} else if (n == 3 && strncmp(p + 1, "seq", 3) == 0) {
				buf_printf(&b, "%lld", (long long)seq);
				nseq++;
			} else if (n == 6 && strncmp(p + 1, "seq:0", 5) == 0 &&
			    p[6] >= '1' && p[6] <= '9' && p[7] == '}') {
				buf_printf(&b, "%0*lld", p[6] - '0', (long long)seq);
				nseq++;
			} else {
				*err = "has an unknown {field} (known: {year}, {seq}, {seq:0N})";
				goto fail;
			}
			p = end + 1;
			continue;
		}
		/* Numbers end up in file names: a safe alphabet only. */
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.')) {
			*err = "may only hold letters, digits, '-', '_', '.' besides {year} and {seq}";
			goto fail;
		}
		buf_putc(&b, *p++);
	}
	if (nyear != 1 || nseq != 1) {
		*err = "needs {year} and {seq} once each (numbers run per year)";
		goto fail;
	}
	if (b.len > MAX_NUMBER || b.s[0] == '.') {
		*err = "gives an invalid number";
		goto fail;
	}
	return buf_detach(&b);
fail:
	buf_free(&b);
	return NULL;
}

/* ---- pre-flight ----------------------------------------------------- */

typedef struct {
	store_treatment *v;
	size_t n, cap;
} lines;

static void
lines_free(lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].tariff_id);
		free(l->v[i].prestatiecode);
		free(l->v[i].description);
		free(l->v[i].invoice_number);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int
collect_line(void *ud, const store_treatment *t)
{
	lines *l = ud;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	store_treatment *c = &l->v[l->n++];
	*c = *t;
	c->tariff_id = t->tariff_id ? xstrdup(t->tariff_id) : NULL;
	c->prestatiecode = t->prestatiecode ? xstrdup(t->prestatiecode) : NULL;
	c->description = t->description ? xstrdup(t->description) : NULL;
	c->invoice_number = NULL;
	c->note = NULL;
	return 0;
}

static int
uninvoiced(store *s, int64_t client_id, const char *period, lines *l, diag *d)
{
	store_treatment_filter f = { client_id, period, 1 };
	return store_treatment_each(s, &f, collect_line, l, d);
}

static int
missing(const char *v)
{
	return !v || check_text(v, CHECK_MAX_TEXT) != NULL;
}

/* The practice's part of the pre-flight: the same for every invoice. */
static int
preflight_practice(const store_practice *p, int need_vat_number, diag *d)
{
	int bad = 0;
	const char *src = p->source;
#define NEED(field, label)                                                           \
	do {                                                                         \
		if (missing(p->field)) {                                             \
			diag_error(d, src, 0, 0, "cannot invoice: the practice has no %s", label); \
			bad = 1;                                                     \
		}                                                                    \
	} while (0)
	NEED(name, "name");
	NEED(street, "address (street)");
	NEED(postcode, "address (postcode)");
	NEED(city, "address (city)");
	NEED(kvk, "KvK number");
	NEED(agb_practice, "AGB code of the practice");
	NEED(agb_therapist, "AGB code of the therapist");
	NEED(association, "professional association");
	NEED(membership, "association membership number");
	NEED(iban, "IBAN");
	NEED(number_pattern, "invoice number pattern");
	if (need_vat_number)
		NEED(vat_number, "VAT number (needed for treatments with 21 % VAT)");
#undef NEED
	if (p->kvk && !missing(p->kvk) && !check_digits(p->kvk, 8)) {
		diag_error(d, src, 0, 0, "cannot invoice: the practice's KvK number is not 8 digits");
		bad = 1;
	}
	if (p->agb_practice && !missing(p->agb_practice) && !check_digits(p->agb_practice, 8)) {
		diag_error(d, src, 0, 0, "cannot invoice: the practice's AGB code is not 8 digits");
		bad = 1;
	}
	if (p->agb_therapist && !missing(p->agb_therapist) && !check_digits(p->agb_therapist, 8)) {
		diag_error(d, src, 0, 0, "cannot invoice: the therapist's AGB code is not 8 digits");
		bad = 1;
	}
	if (p->iban && !missing(p->iban) && !check_iban(p->iban)) {
		diag_error(d, src, 0, 0, "cannot invoice: the practice's IBAN fails its check");
		bad = 1;
	}
	if (p->payment_term_days <= 0 || p->payment_term_days > 365) {
		diag_error(d, src, 0, 0, "cannot invoice: the practice has no payment term "
		    "(1 to 365 days)");
		bad = 1;
	}
	if (p->number_pattern && !missing(p->number_pattern)) {
		const char *err;
		char *n = store_number_format(p->number_pattern, 2000, 1, &err);
		if (!n) {
			diag_error(d, src, 0, 0, "cannot invoice: the invoice number pattern %s", err);
			bad = 1;
		}
		free(n);
	}
	if (p->credit_pattern) {
		const char *err;
		char *n = store_number_format(p->credit_pattern, 2000, 1, &err);
		if (!n) {
			diag_error(d, src, 0, 0, "cannot invoice: the credit note number pattern %s",
			    err);
			bad = 1;
		} else if (p->number_pattern && strcmp(p->credit_pattern, p->number_pattern) == 0) {
			diag_error(d, src, 0, 0, "cannot invoice: the credit note number pattern "
			    "equals the invoice pattern (leave it out to share the series)");
			bad = 1;
		}
		free(n);
	}
	return bad ? STORE_EINPUT : STORE_OK;
}

/* The client's and the treatments' part. */
static int
preflight_client(const store_client *c, const lines *l, const char *date, diag *d)
{
	static const store_client_field need[] = { STORE_CF_NAME, STORE_CF_STREET,
		STORE_CF_POSTCODE, STORE_CF_CITY, STORE_CF_BIRTH_DATE };
	if (c->erased)
		return st_input(d, "cannot invoice client %lld: the personal data were erased on %s "
		    "(there is no one to address the invoice to)", (long long)c->id, c->erased);
	int bad = 0;
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
		if (missing(c->v[need[i]])) {
			diag_error(d, NULL, 0, 0, "cannot invoice client %lld: field '%s' is missing",
			    (long long)c->id, store_client_field_name(need[i]));
			bad = 1;
		}
	}
	for (size_t i = 0; i < l->n; i++) {
		const store_treatment *t = &l->v[i];
		if (date && strcmp(t->date, date) > 0) {
			diag_error(d, NULL, 0, 0, "cannot invoice client %lld: treatment %lld is "
			    "dated after the invoice date %s", (long long)c->id, (long long)t->id, date);
			bad = 1;
		}
		if (missing(t->prestatiecode)) {
			diag_error(d, NULL, 0, 0, "cannot invoice client %lld: treatment %lld "
			    "has no prestatiecode", (long long)c->id, (long long)t->id);
			bad = 1;
		}
		if (missing(t->description)) {
			diag_error(d, NULL, 0, 0, "cannot invoice client %lld: treatment %lld "
			    "has no description", (long long)c->id, (long long)t->id);
			bad = 1;
		} else if (strcasecmp(t->description, "behandeling") == 0 ||
		    strcasecmp(t->description, "consult") == 0) {
			diag_error(d, NULL, 0, 0, "cannot invoice client %lld: treatment %lld's "
			    "description is too general (insurers reject a bare '%s')",
			    (long long)c->id, (long long)t->id, t->description);
			bad = 1;
		}
	}
	return bad ? STORE_EINPUT : STORE_OK;
}

static int
any_standard(const lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].vat == STORE_VAT_STANDARD)
			return 1;
	return 0;
}

static int
check_opts(const store_invoice_opts *o, diag *d)
{
	if (!o || !check_date(o->date))
		return diag_error(d, NULL, 0, 0, "invoice date must be YYYY-MM-DD"), STORE_EINPUT;
	if (o->period && !check_period(o->period))
		return diag_error(d, NULL, 0, 0, "period must be YYYY-MM"), STORE_EINPUT;
	return STORE_OK;
}

int
store_invoice_preflight(store *s, const store_practice *p, int64_t client_id,
    const store_invoice_opts *o, diag *d)
{
	int rc = check_opts(o, d);
	if (rc != STORE_OK)
		return rc;
	lines l = { 0 };
	store_client *c = NULL;
	if ((rc = uninvoiced(s, client_id, o->period, &l, d)) != STORE_OK)
		goto out;
	if ((rc = store_client_load(s, client_id, &c, d)) != STORE_OK)
		goto out;
	int r1 = preflight_practice(p, any_standard(&l), d);
	int r2 = preflight_client(c, &l, o->date, d);
	rc = r1 != STORE_OK ? r1 : r2;
out:
	lines_free(&l);
	store_client_free(c);
	return rc;
}

/* ---- snapshot ------------------------------------------------------- */

/* <name>value</name> at the given indent, only when value is set. */
static void
xml_elem(buf *b, int indent, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	buf_printf(b, "%*s<%s>", indent, "", name);
	st_xml_text(b, value, 0);
	buf_printf(b, "</%s>\n", name);
}

static void
xml_int(buf *b, int indent, const char *name, long long v)
{
	buf_printf(b, "%*s<%s>%lld</%s>\n", indent, "", name, v, name);
}

static void
xml_address(buf *b, int indent, const char *street, const char *postcode,
    const char *city, const char *country)
{
	buf_printf(b, "%*s<address>\n", indent, "");
	xml_elem(b, indent + 2, "street", street);
	xml_elem(b, indent + 2, "postcode", postcode);
	xml_elem(b, indent + 2, "city", city);
	xml_elem(b, indent + 2, "country", country);
	buf_printf(b, "%*s</address>\n", indent, "");
}

static void
snapshot_practice(buf *b, const store_practice *p)
{
	buf_puts(b, "  <practice>\n");
	xml_elem(b, 4, "name", p->name);
	xml_elem(b, 4, "legal-form", p->legal_form);
	xml_elem(b, 4, "therapist", p->therapist);
	xml_address(b, 4, p->street, p->postcode, p->city, p->country);
	xml_elem(b, 4, "email", p->email);
	xml_elem(b, 4, "phone", p->phone);
	xml_elem(b, 4, "website", p->website);
	xml_elem(b, 4, "kvk", p->kvk);
	xml_elem(b, 4, "agb-practice", p->agb_practice);
	xml_elem(b, 4, "agb-therapist", p->agb_therapist);
	buf_puts(b, "    <association>\n");
	xml_elem(b, 6, "name", p->association);
	xml_elem(b, 6, "membership", p->membership);
	buf_puts(b, "    </association>\n");
	xml_elem(b, 4, "rbcz", p->rbcz);
	buf_puts(b, "    <bank>\n");
	xml_elem(b, 6, "iban", p->iban);
	xml_elem(b, 6, "bic", p->bic);
	xml_elem(b, 6, "account-holder", p->account_holder ? p->account_holder : p->name);
	buf_puts(b, "    </bank>\n");
	xml_elem(b, 4, "vat-number", p->vat_number);
	/* how the zorgnota looks, frozen with the rest (no wording) */
	buf_puts(b, "    <presentation lang=\"");
	st_xml_text(b, p->lang && *p->lang ? p->lang : "nl", 0);
	buf_puts(b, "\" address=\"");
	st_xml_text(b, p->address_form && *p->address_form ? p->address_form : "u", 0);
	buf_putc(b, '"');
	if (p->colour && *p->colour) {
		buf_puts(b, " colour=\"");
		st_xml_text(b, p->colour, 0);
		buf_putc(b, '"');
	}
	if (p->payment_qr)
		buf_puts(b, " payment-qr=\"epc\"");
	/* only when the practice chose one: snapshots of a practice that
	 * never did keep the bytes they had */
	if (p->font && (strcmp(p->font, "sans") == 0 || strcmp(p->font, "serif") == 0)) {
		buf_puts(b, " font=\"");
		buf_puts(b, p->font);
		buf_putc(b, '"');
	}
	buf_puts(b, "/>\n");
	/* only when the practice has a logo: older snapshots keep their bytes */
	if (p->logo_jpeg_b64 && *p->logo_jpeg_b64) {
		buf_puts(b, "    <logo type=\"image/jpeg\">");
		buf_puts(b, p->logo_jpeg_b64);
		buf_puts(b, "</logo>\n");
	}
	buf_puts(b, "  </practice>\n");
}

static void
snapshot_client(buf *b, const store_practice *p, const store_client *c)
{
	buf_printf(b, "  <client id=\"%lld\"", (long long)c->id);
	if (c->v[STORE_CF_REF]) {
		buf_puts(b, " ref=\"");
		st_xml_text(b, c->v[STORE_CF_REF], 0);
		buf_putc(b, '"');
	}
	buf_puts(b, ">\n");
	xml_elem(b, 4, "name", c->v[STORE_CF_NAME]);
	xml_address(b, 4, c->v[STORE_CF_STREET], c->v[STORE_CF_POSTCODE], c->v[STORE_CF_CITY],
	    c->v[STORE_CF_COUNTRY]);
	xml_elem(b, 4, "birth-date", c->v[STORE_CF_BIRTH_DATE]);
	if (p->show_insurer)
		xml_elem(b, 4, "insurer", c->v[STORE_CF_INSURER]);
	if (p->show_policy_number)
		xml_elem(b, 4, "policy-number", c->v[STORE_CF_POLICY_NUMBER]);
	if (p->show_bsn)
		xml_elem(b, 4, "bsn", c->v[STORE_CF_BSN]);
	for (size_t i = 0; i < c->nguardians; i++)
		xml_elem(b, 4, "guardian", c->guardians[i]);
	buf_puts(b, "  </client>\n");
}

typedef struct {
	int64_t base[STORE_VAT__MAX];
	int present[STORE_VAT__MAX];
	int64_t vat, total;
} totals;

/* VAT included in an amount at 21 %: round(amount * 21 / 121), half up,
 * computed on the absolute value so a credit note mirrors its invoice. */
static int64_t
vat_part(int64_t amount)
{
	int64_t a = amount < 0 ? -amount : amount;
	int64_t v = (a * 21 * 2 + 121) / (121 * 2);
	return amount < 0 ? -v : v;
}

static void
totals_compute(const lines *l, int sign, totals *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < l->n; i++) {
		t->base[l->v[i].vat] += sign * l->v[i].amount_cents;
		t->present[l->v[i].vat] = 1;
		t->total += sign * l->v[i].amount_cents;
	}
	t->vat = vat_part(t->base[STORE_VAT_STANDARD]);
}

typedef struct {
	const char *kind;       /* invoice | credit */
	const char *number, *date, *due_date, *period;
	int term_days;
	const char *credits_number, *credits_date;
	int sign;
} snap_head;

/* The first place pat occurs in [s, end), or NULL (s may be NULL). */
static const char *
find_in(const char *s, const char *end, const char *pat)
{
	size_t n = strlen(pat);
	for (const char *q = s; q && end - q >= (ptrdiff_t)n; q++)
		if (memcmp(q, pat, n) == 0)
			return q;
	return NULL;
}

/* The <client> block of a snapshot as snapshot_client wrote it (its
 * fixed form: from "  <client " to "  </client>\n"), or NULL. Owned. */
static char *
snapshot_client_block(const char *snap, size_t len)
{
	static const char close[] = "\n  </client>\n";
	const char *end = snap + len, *from = find_in(snap, end, "\n  <client ");
	const char *to = from ? find_in(from + 1, end, close) : NULL;
	if (!to)
		return NULL;
	from++;
	size_t n = (size_t)(to + sizeof close - 1 - from);
	char *block = xmalloc(n + 1);
	memcpy(block, from, n);
	block[n] = '\0';
	return block;
}

/* The snapshot of an invoice or credit note; client_block, when not NULL,
 * stands for the client (a credit note for an erased client: the block of
 * the invoice it corrects). */
static char *
snapshot_build(const snap_head *h, const store_practice *p, const store_client *c,
    const char *client_block, const lines *l, const totals *t, size_t *len)
{
	buf b = BUF_INIT;
	buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<invoice xmlns=\"" SNAPSHOT_NS "\" version=\"1\" kind=\"%s\">\n", h->kind);
	xml_elem(&b, 2, "number", h->number);
	xml_elem(&b, 2, "date", h->date);
	if (!h->credits_number) {
		/* A credit note has nothing to pay by a date. */
		xml_elem(&b, 2, "due-date", h->due_date);
		xml_int(&b, 2, "payment-term-days", h->term_days);
	}
	xml_elem(&b, 2, "period", h->period);
	if (h->credits_number) {
		buf_puts(&b, "  <credits>\n");
		xml_elem(&b, 4, "number", h->credits_number);
		xml_elem(&b, 4, "date", h->credits_date);
		buf_puts(&b, "  </credits>\n");
	}
	snapshot_practice(&b, p);
	if (client_block)
		buf_puts(&b, client_block);
	else
		snapshot_client(&b, p, c);
	buf_puts(&b, "  <lines>\n");
	for (size_t i = 0; i < l->n; i++) {
		const store_treatment *tr = &l->v[i];
		buf_printf(&b, "    <line treatment=\"%lld\">\n", (long long)tr->id);
		xml_elem(&b, 6, "date", tr->date);
		xml_elem(&b, 6, "prestatiecode", tr->prestatiecode);
		xml_elem(&b, 6, "description", tr->description);
		if (p->show_duration && tr->duration_min > 0)
			xml_int(&b, 6, "duration-minutes", tr->duration_min);
		xml_elem(&b, 6, "vat", store_vat_name(tr->vat));
		xml_int(&b, 6, "amount-cents", (long long)(h->sign * tr->amount_cents));
		buf_puts(&b, "    </line>\n");
	}
	buf_puts(&b, "  </lines>\n");
	buf_puts(&b, "  <totals>\n");
	xml_int(&b, 4, "count", (long long)l->n);
	for (int v = 0; v < STORE_VAT__MAX; v++) {
		if (!t->present[v])
			continue;
		buf_printf(&b, "    <vat-group treatment=\"%s\" rate-percent=\"%d\" "
		    "amount-cents=\"%lld\" vat-cents=\"%lld\"/>\n", store_vat_name((store_vat)v),
		    v == STORE_VAT_STANDARD ? 21 : 0, (long long)t->base[v],
		    (long long)(v == STORE_VAT_STANDARD ? t->vat : 0));
	}
	xml_int(&b, 4, "vat-cents", (long long)t->vat);
	xml_int(&b, 4, "total-cents", (long long)t->total);
	buf_puts(&b, "  </totals>\n");
	buf_puts(&b, "</invoice>\n");
	*len = b.len;
	return buf_detach(&b);
}

static void
sha256_hex(const char *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)data, len);
	for (size_t i = 0; i < sizeof h; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* ---- issuing -------------------------------------------------------- */

/* Takes the next number of the year (inside the transaction). */
static int
next_number(store *s, const store_practice *p, const char *series, const char *date,
    int *year, int64_t *seq, char **number, diag *d)
{
	const char *pattern = strcmp(series, "credit") == 0 ? p->credit_pattern : p->number_pattern;
	*year = atoi(date);  /* YYYY-... */
	sqlite3_stmt *st = st_prepare_kept(s, "SELECT last_seq, last_date FROM number_series "
	    "WHERE year = ?1 AND series = ?2", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int(st, 1, *year);
	st_bind_text(st, 2, series);
	int rc = sqlite3_step(st);
	int64_t lastseq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	char last[16] = "";
	if (rc == SQLITE_ROW)
		snprintf(last, sizeof last, "%s", st_col(st, 1));
	st_done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(s, d, "reading the number series");
	if (last[0] && strcmp(date, last) < 0)
		return st_input(d, "date %s is before %s, the date of the last %s of %d: "
		    "numbers and dates must run in the same order", date, last,
		    strcmp(series, "credit") == 0 ? "credit note" : "invoice", *year);
	*seq = lastseq + 1;
	st = st_prepare_kept(s, rc == SQLITE_ROW
	    ? "UPDATE number_series SET last_seq = ?2, last_date = ?4 WHERE year = ?1 AND series = ?3"
	    : "INSERT INTO number_series (year, last_seq, series, last_date) VALUES (?1, ?2, ?3, ?4)", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int(st, 1, *year);
	sqlite3_bind_int64(st, 2, *seq);
	st_bind_text(st, 3, series);
	st_bind_text(st, 4, date);
	rc = sqlite3_step(st);
	st_done(s, st);
	if (rc != SQLITE_DONE)
		return st_fail(s, d, "advancing the number series");
	const char *err;
	*number = store_number_format(pattern, *year, *seq, &err);
	if (!*number)
		return diag_error(d, p->source, 0, 0, "the invoice number pattern %s", err),
		    STORE_EINPUT;
	return STORE_OK;
}

typedef struct {
	const char *kind, *series;
	int64_t client_id, credits_id;
	const char *number, *date, *due_date, *period;
	int year;
	int64_t seq;
	const totals *t;
	const lines *l;
	int sign;
	const char *snapshot;
	size_t snaplen;
} invoice_row;

static int
insert_invoice(store *s, const invoice_row *r, int64_t *id, diag *d)
{
	char sha[65];
	char now[32];
	sha256_hex(r->snapshot, r->snaplen, sha);
	st_now(now);
	sqlite3_stmt *st = st_prepare_kept(s, "INSERT INTO invoices (number, year, seq, kind, "
	    "client_id, credits_id, date, due_date, period, total_cents, vat_cents, nlines, "
	    "snapshot, snapshot_sha256, created, series) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", d);
	if (!st)
		return STORE_EDB;
	st_bind_text(st, 1, r->number);
	sqlite3_bind_int(st, 2, r->year);
	sqlite3_bind_int64(st, 3, r->seq);
	st_bind_text(st, 4, r->kind);
	sqlite3_bind_int64(st, 5, r->client_id);
	if (r->credits_id)
		sqlite3_bind_int64(st, 6, r->credits_id);
	st_bind_text(st, 7, r->date);
	st_bind_text(st, 8, r->due_date);
	st_bind_text(st, 9, r->period);
	sqlite3_bind_int64(st, 10, r->t->total);
	sqlite3_bind_int64(st, 11, r->t->vat);
	sqlite3_bind_int64(st, 12, (int64_t)r->l->n);
	sqlite3_bind_blob(st, 13, r->snapshot, (int)r->snaplen, SQLITE_TRANSIENT);
	st_bind_text(st, 14, sha);
	st_bind_text(st, 15, now);
	st_bind_text(st, 16, r->series);
	int rc = sqlite3_step(st);
	st_done(s, st);
	if (rc != SQLITE_DONE) {
		if ((sqlite3_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT)
			return diag_error(d, NULL, 0, 0, "invoice number %s exists already "
			    "(was the number pattern changed this year?)", r->number), STORE_EINPUT;
		return st_fail(s, d, "writing an invoice");
	}
	*id = sqlite3_last_insert_rowid(s->db);
	st = st_prepare_kept(s, "INSERT INTO invoice_lines (invoice_id, line_no, treatment_id, date, "
	    "tariff_id, prestatiecode, description, duration_min, amount_cents, vat) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", d);
	if (!st)
		return STORE_EDB;
	for (size_t i = 0; i < r->l->n; i++) {
		const store_treatment *t = &r->l->v[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		sqlite3_bind_int64(st, 3, t->id);
		st_bind_text(st, 4, t->date);
		st_bind_text(st, 5, t->tariff_id);
		st_bind_text(st, 6, t->prestatiecode);
		st_bind_text(st, 7, t->description);
		sqlite3_bind_int(st, 8, t->duration_min);
		sqlite3_bind_int64(st, 9, r->sign * t->amount_cents);
		st_bind_text(st, 10, store_vat_name(t->vat));
		if (sqlite3_step(st) != SQLITE_DONE) {
			st_done(s, st);
			return st_fail(s, d, "writing invoice lines");
		}
	}
	st_done(s, st);
	/* Mark (invoice) or release (credit note) the treatments. */
	st = st_prepare_kept(s, r->credits_id
	    ? "UPDATE treatments SET invoice_id = NULL WHERE invoice_id = ?2"
	    : "UPDATE treatments SET invoice_id = ?1 WHERE id = ?3 AND invoice_id IS NULL", d);
	if (!st)
		return STORE_EDB;
	for (size_t i = 0; i < (r->credits_id ? 1 : r->l->n); i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, r->credits_id);
		sqlite3_bind_int64(st, 3, r->l->n ? r->l->v[i].id : 0);
		if (sqlite3_step(st) != SQLITE_DONE) {
			st_done(s, st);
			return st_fail(s, d, "marking treatments invoiced");
		}
		if (!r->credits_id && sqlite3_changes(s->db) != 1) {
			st_done(s, st);
			diag_error(d, NULL, 0, 0, "treatment %lld was invoiced meanwhile",
			    (long long)r->l->v[i].id);
			return STORE_EDB;
		}
	}
	st_done(s, st);
	return store_audit(s, r->credits_id ? "credit" : "issue", "invoice", *id, d);
}

/* Issues one invoice inside the open transaction. *issued = 0 when the
 * client has nothing (left) to invoice. */
static int
issue_one(store *s, const store_practice *p, int64_t client_id, const store_invoice_opts *o,
    char **number, int *issued, diag *d)
{
	lines l = { 0 };
	store_client *c = NULL;
	char *num = NULL;
	*issued = 0;
	int rc = uninvoiced(s, client_id, o->period, &l, d);
	if (rc != STORE_OK || l.n == 0)
		goto out;
	if ((rc = store_client_load(s, client_id, &c, d)) != STORE_OK)
		goto out;
	int r1 = preflight_practice(p, any_standard(&l), d);
	int r2 = preflight_client(c, &l, o->date, d);
	if ((rc = r1 != STORE_OK ? r1 : r2) != STORE_OK)
		goto out;
	int year;
	int64_t seq;
	if ((rc = next_number(s, p, "invoice", o->date, &year, &seq, &num, d)) != STORE_OK)
		goto out;
	char due[11];
	check_days_date(check_date_days(o->date) + p->payment_term_days, due);
	totals t;
	totals_compute(&l, 1, &t);
	snap_head h = { "invoice", num, o->date, due, o->period, p->payment_term_days,
		NULL, NULL, 1 };
	size_t snaplen;
	char *snap = snapshot_build(&h, p, c, NULL, &l, &t, &snaplen);
	invoice_row r = { "invoice", "invoice", client_id, 0, num, o->date, due, o->period, year, seq,
		&t, &l, 1, snap, snaplen };
	int64_t id;
	rc = insert_invoice(s, &r, &id, d);
	free(snap);
	if (rc == STORE_OK) {
		*number = num;
		num = NULL;
		*issued = 1;
	}
out:
	free(num);
	lines_free(&l);
	store_client_free(c);
	return rc;
}

int
store_invoice_create(store *s, const store_practice *p, int64_t client_id,
    const store_invoice_opts *o, char **number, diag *d)
{
	*number = NULL;
	int rc = check_opts(o, d);
	if (rc != STORE_OK)
		return rc;
	if ((rc = store_begin(s, d)) != STORE_OK)
		return rc;
	int issued;
	rc = issue_one(s, p, client_id, o, number, &issued, d);
	if (rc == STORE_OK && !issued) {
		/* Tell "no such client" from "nothing to invoice". */
		store_client *c = NULL;
		rc = store_client_load(s, client_id, &c, d);
		store_client_free(c);
		if (rc == STORE_OK)
			rc = st_input(d, "client %lld has no uninvoiced treatments%s%s",
			    (long long)client_id, o->period ? " in " : "",
			    o->period ? o->period : "");
	}
	if (rc == STORE_OK)
		rc = store_commit(s, d);
	if (rc != STORE_OK) {
		store_rollback(s);
		free(*number);
		*number = NULL;
	}
	return rc;
}

/* ---- batches -------------------------------------------------------- */

static size_t
batch_chunk(const store_invoice_opts *o)
{
	/* Invoices per transaction: each commit costs four fsyncs
	 * (synchronous=FULL, about 1.5 ms here), 128 invoices take about
	 * 25 ms to issue: the lock stays short for a second process, a kill
	 * loses at most one uncommitted chunk (rolled back, numbers included:
	 * no gap), and a batch of 10,000 spends 0.4 s, not 1.8 s, in fsync.
	 * The caller may ask for smaller ones (rendering workers waiting for
	 * the next chunk). */
	const char *e = getenv("ZORGDOC_BATCH_CHUNK");
	long v = e ? atol(e) : 0;
	if (v >= 1 && v <= 10000)
		return (size_t)v;
	return o->chunk >= 1 && o->chunk <= 10000 ? o->chunk : 128;
}

int
store_invoice_batch(store *s, const store_practice *p, const store_invoice_opts *o,
    store_issued_fn fn, void *ud, store_batch_stats *stats, diag *d)
{
	memset(stats, 0, sizeof *stats);
	int rc = check_opts(o, d);
	if (rc != STORE_OK)
		return rc;
	if (!o->period)
		return diag_error(d, NULL, 0, 0, "a batch needs a period (YYYY-MM)"), STORE_EINPUT;
	char lo[11], hi[11];
	snprintf(lo, sizeof lo, "%.7s-01", o->period);
	snprintf(hi, sizeof hi, "%.7s-99", o->period);
	/* Erased clients (client forget) are left out, counted: nobody can
	 * be invoiced for them, and they must not block everyone else's. */
	sqlite3_stmt *st = st_prepare(s, "SELECT DISTINCT t.client_id, c.erased IS NOT NULL "
	    "FROM treatments t JOIN clients c ON c.id = t.client_id "
	    "WHERE t.invoice_id IS NULL AND t.purged_invoice IS NULL AND t.date >= ?1 "
	    "AND t.date < ?2 ORDER BY t.client_id", d);
	if (!st)
		return STORE_EDB;
	st_bind_text(st, 1, lo);
	st_bind_text(st, 2, hi);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 1)) {
			stats->erased++;
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		free(ids);
		return st_fail(s, d, "finding treatments to invoice");
	}
	stats->candidates = n;
	/* Pre-flight everything first: a refusal numbers nothing. */
	lines all = { 0 };
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		lines l = { 0 };
		store_client *c = NULL;
		if ((rc = uninvoiced(s, ids[i], o->period, &l, d)) != STORE_OK ||
		    (rc = store_client_load(s, ids[i], &c, d)) != STORE_OK) {
			lines_free(&l);
			free(ids);
			lines_free(&all);
			return rc;
		}
		if (preflight_client(c, &l, o->date, d) != STORE_OK)
			bad = 1;
		if (any_standard(&l) && !any_standard(&all))
			collect_line(&all, &l.v[0]);
		lines_free(&l);
		store_client_free(c);
	}
	if (n && preflight_practice(p, any_standard(&all), d) != STORE_OK)
		bad = 1;
	lines_free(&all);
	if (bad) {
		free(ids);
		return STORE_EINPUT;
	}
	size_t chunk = batch_chunk(o);
	char **done = xcalloc(chunk, sizeof *done);
	int64_t *done_client = xcalloc(chunk, sizeof *done_client);
	rc = STORE_OK;
	for (size_t i = 0; i < n && rc == STORE_OK;) {
		size_t ndone = 0;
		if ((rc = store_begin(s, d)) != STORE_OK)
			break;
		for (; i < n && ndone < chunk; i++) {
			char *num = NULL;
			int issued;
			if ((rc = issue_one(s, p, ids[i], o, &num, &issued, d)) != STORE_OK)
				break;
			if (issued) {
				done[ndone] = num;
				done_client[ndone++] = ids[i];
			} else {
				stats->skipped++;
			}
		}
		if (rc == STORE_OK)
			rc = store_commit(s, d);
		if (rc != STORE_OK) {
			store_rollback(s);
			for (size_t k = 0; k < ndone; k++)
				free(done[k]);
			break;
		}
		if (i < n)
			st_yield();
		for (size_t k = 0; k < ndone; k++) {
			stats->issued++;
			if (rc == STORE_OK && fn)
				rc = fn(ud, done[k], done_client[k], stats->issued + stats->skipped, n);
			free(done[k]);
		}
	}
	free(done);
	free(done_client);
	free(ids);
	return rc;
}

/* ---- credit notes --------------------------------------------------- */

int
store_invoice_credit(store *s, const store_practice *p, const char *number,
    const store_invoice_opts *o, char **credit_number, diag *d)
{
	*credit_number = NULL;
	int rc = check_opts(o, d);
	if (rc != STORE_OK)
		return rc;
	if ((rc = store_begin(s, d)) != STORE_OK)
		return rc;
	lines l = { 0 };
	store_client *c = NULL;
	char *num = NULL, *period = NULL, *orig_date = NULL, *snap = NULL;
	int64_t orig_id = 0, client_id = 0;
	sqlite3_stmt *st = st_prepare(s, "SELECT i.id, i.kind, i.client_id, i.period, i.date, "
	    "(SELECT number FROM invoices c WHERE c.credits_id = i.id) "
	    "FROM invoices i WHERE i.number = ?1", d);
	if (!st) {
		rc = STORE_EDB;
		goto out;
	}
	st_bind_text(st, 1, number);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		orig_id = sqlite3_column_int64(st, 0);
		client_id = sqlite3_column_int64(st, 2);
		period = st_col_dup(st, 3);
		orig_date = st_col_dup(st, 4);
		if (strcmp(st_col(st, 1), "invoice") != 0)
			rc = st_input(d, "%s is a credit note; only invoices "
			    "are credited", number);
		else if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			rc = st_input(d, "invoice %s was credited already by %s",
			    number, st_col(st, 5));
	} else if (step == SQLITE_DONE) {
		rc = st_input(d, "no invoice with number '%s'", number);
	} else {
		rc = st_fail(s, d, "finding the invoice");
	}
	sqlite3_finalize(st);
	if (rc != STORE_OK)
		goto out;
	if (strcmp(o->date, orig_date) < 0) {
		rc = st_input(d, "credit note date %s is before the invoice's "
		    "date %s", o->date, orig_date);
		goto out;
	}
	/* The lines as they were invoiced (from invoice_lines, not from the
	 * treatments, which may have changed since). */
	st = st_prepare(s, "SELECT treatment_id, date, tariff_id, prestatiecode, description, "
	    "duration_min, amount_cents, vat FROM invoice_lines WHERE invoice_id = ?1 "
	    "ORDER BY line_no", d);
	if (!st) {
		rc = STORE_EDB;
		goto out;
	}
	sqlite3_bind_int64(st, 1, orig_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		store_treatment t = { 0 };
		t.id = sqlite3_column_int64(st, 0);
		snprintf(t.date, sizeof t.date, "%s", st_col(st, 1));
		t.tariff_id = (char *)sqlite3_column_text(st, 2);
		t.prestatiecode = (char *)sqlite3_column_text(st, 3);
		t.description = (char *)sqlite3_column_text(st, 4);
		t.duration_min = sqlite3_column_int(st, 5);
		t.amount_cents = sqlite3_column_int64(st, 6);
		int v = store_vat_lookup(st_col(st, 7));
		t.vat = v < 0 ? STORE_VAT_EXEMPT : (store_vat)v;
		collect_line(&l, &t);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		rc = st_fail(s, d, "reading invoice lines");
		goto out;
	}
	if ((rc = store_client_load(s, client_id, &c, d)) != STORE_OK)
		goto out;
	/* A credit note is a tax document of its own: the practice's data
	 * must be complete; the client needs a name and address. */
	if ((rc = preflight_practice(p, any_standard(&l), d)) != STORE_OK)
		goto out;
	int year;
	int64_t seq;
	if ((rc = next_number(s, p, p->credit_pattern ? "credit" : "invoice", o->date,
	    &year, &seq, &num, d)) != STORE_OK)
		goto out;
	totals t;
	totals_compute(&l, -1, &t);
	snap_head h = { "credit", num, o->date, o->date, period && period[0] ? period : NULL,
		p->payment_term_days, number, orig_date, -1 };
	size_t snaplen;
	/* An erased client has no name or address left: the credit note
	 * names the client as the invoice it corrects does (kept, as every
	 * issued invoice is). */
	char *block = NULL;
	if (c->erased) {
		char *orig = NULL;
		size_t olen = 0;
		if ((rc = store_invoice_snapshot(s, number, &orig, &olen, d)) != STORE_OK)
			goto out;
		block = snapshot_client_block(orig, olen);
		free(orig);
		if (!block) {
			diag_error(d, NULL, 0, 0, "invoice %s: its snapshot has no client to credit",
			    number);
			rc = STORE_EINPUT;
			goto out;
		}
	}
	snap = snapshot_build(&h, p, c, block, &l, &t, &snaplen);
	free(block);
	invoice_row r = { "credit", p->credit_pattern ? "credit" : "invoice", client_id, orig_id, num, o->date, o->date,
		period && period[0] ? period : NULL, year, seq, &t, &l, -1, snap, snaplen };
	int64_t id;
	if ((rc = insert_invoice(s, &r, &id, d)) != STORE_OK)
		goto out;
	if ((rc = store_commit(s, d)) != STORE_OK)
		goto out;
	*credit_number = num;
	num = NULL;
out:
	if (rc != STORE_OK)
		store_rollback(s);
	free(num);
	free(period);
	free(orig_date);
	free(snap);
	lines_free(&l);
	store_client_free(c);
	return rc;
}

/* ---- reading -------------------------------------------------------- */

/* The practice's client number as the invoice shows it: client/@ref of
 * the snapshot, which snapshot_client() above writes in a fixed form
 * ("\n  <client id=\"N\" ref=\"...\">", escaped by st_xml_text). Appends it,
 * unescaped, to out; 0 when the snapshot has none (the client had no
 * number when the invoice was issued). */
static int
snapshot_client_ref(const void *blob, int len, buf *out)
{
	static const char tag[] = "\n  <client id=\"";
	static const struct {
		const char *ent;
		char c;
	} ents[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' } };
	const char *s = blob, *end = s ? s + len : NULL, *p = find_in(s, end, tag);
	if (!p)
		return 0;
	p += sizeof tag - 1;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (end - p < 7 || memcmp(p, "\" ref=\"", 7) != 0)
		return 0;
	for (p += 7; p < end && *p != '"'; p++) {
		char c = *p;
		for (size_t k = 0; c == '&' && k < sizeof ents / sizeof ents[0]; k++) {
			size_t n = strlen(ents[k].ent);
			if ((size_t)(end - p) >= n && memcmp(p, ents[k].ent, n) == 0) {
				c = ents[k].c;
				p += n - 1;
				break;
			}
		}
		buf_putc(out, c);
	}
	return p < end && out->len > 0;
}

int
store_invoice_each(store *s, const store_invoice_filter *f, store_invoice_fn fn, void *ud,
    diag *d)
{
	sqlite3_stmt *st = st_prepare(s, "SELECT i.id, i.number, i.kind, i.date, i.due_date, "
	    "i.period, i.client_id, i.total_cents, i.vat_cents, i.nlines, o.number, c.number, "
	    "i.snapshot_sha256, i.snapshot FROM invoices i "
	    "LEFT JOIN invoices o ON o.id = i.credits_id "
	    "LEFT JOIN invoices c ON c.credits_id = i.id "
	    "WHERE (?1 = 0 OR i.client_id = ?1) AND (?2 IS NULL OR substr(i.date, 1, 7) = ?2) "
	    "ORDER BY i.id", d);
	if (!st)
		return STORE_EDB;
	sqlite3_bind_int64(st, 1, f ? f->client_id : 0);
	st_bind_text(st, 2, f ? f->period : NULL);
	int rc, ret = STORE_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_invoice inv = {
			.id = sqlite3_column_int64(st, 0),
			.number = (char *)st_col(st, 1),
			.kind = (char *)st_col(st, 2),
			.date = (char *)st_col(st, 3),
			.due_date = (char *)st_col(st, 4),
			.period = (char *)sqlite3_column_text(st, 5),
			.client_id = sqlite3_column_int64(st, 6),
			.total_cents = sqlite3_column_int64(st, 7),
			.vat_cents = sqlite3_column_int64(st, 8),
			.nlines = sqlite3_column_int(st, 9),
			.credits = (char *)sqlite3_column_text(st, 10),
			.credited_by = (char *)sqlite3_column_text(st, 11),
			.sha256 = (char *)st_col(st, 12),
		};
		buf ref = BUF_INIT;
		if (snapshot_client_ref(sqlite3_column_blob(st, 13), sqlite3_column_bytes(st, 13),
		    &ref))
			inv.client_ref = (char *)buf_str(&ref);
		ret = fn(ud, &inv);
		buf_free(&ref);
		if (ret != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		ret = st_fail(s, d, "reading invoices");
	sqlite3_finalize(st);
	return ret;
}

int
store_invoice_snapshot(store *s, const char *number, char **xml, size_t *len, diag *d)
{
	*xml = NULL;
	*len = 0;
	sqlite3_stmt *st = st_prepare_kept(s, "SELECT snapshot FROM invoices WHERE number = ?1", d);
	if (!st)
		return STORE_EDB;
	st_bind_text(st, 1, number);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		const void *p = sqlite3_column_blob(st, 0);
		*xml = xmalloc(n + 1);
		if (n)
			memcpy(*xml, p, n);
		(*xml)[n] = '\0';
		*len = n;
	}
	st_done(s, st);
	if (rc == SQLITE_ROW)
		return STORE_OK;
	if (rc == SQLITE_DONE)
		return diag_error(d, NULL, 0, 0, "no invoice with number '%s'", number), STORE_EINPUT;
	return st_fail(s, d, "reading an invoice");
}
