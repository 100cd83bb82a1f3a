/* epcqr — see epcqr.h. The EPC069-12 payload, from its fields or from an
 * invoice snapshot. */
#include "epcqr.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"

#define INVOICE_NS "urn:zorgdoc:invoice:1"

/* 1 when s is well-formed UTF-8 (no overlongs, no surrogates). */
static int
utf8_valid(const unsigned char *s)
{
	while (*s) {
		unsigned c = *s;
		int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 :
		    (c & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0 || (n == 1 && c < 0xC2) || c > 0xF4)
			return 0;
		unsigned cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
		for (int i = 1; i <= n; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		s += n + 1;
	}
	return 1;
}

/* A copy of s with control characters and runs of white space made one
 * space, trimmed: a field must not hold the line feed that separates
 * fields. Owned. */
static char *
clean_text(const char *s)
{
	buf b = BUF_INIT;
	int space = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p <= 0x20 || *p == 0x7F) {
			space = 1;
			continue;
		}
		if (space && b.len)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, (char)*p);
	}
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

/* Number of characters (code points) in valid UTF-8. */
static size_t
utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Cuts s in place after at most `chars` characters. */
static void
utf8_cut(char *s, size_t chars)
{
	size_t n = 0;
	for (char *p = s; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80 && n++ == chars) {
			*p = '\0';
			return;
		}
	}
}

/* Drops spaces and upper-cases; 1 when what is left is only A-Z 0-9. */
static int
compact_code(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		char c = *p;
		if (c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) || n + 1 >= cap)
			return 0;
		out[n++] = c;
	}
	out[n] = '\0';
	return 1;
}

static int
is_alpha(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return 1;
}

char *
epc_payload(const epc_fields *f, const char **err)
{
	*err = NULL;
	char iban[40], bic[16] = "", amount[24] = "";
	if (!f->iban || !compact_code(f->iban, iban, sizeof iban) || strlen(iban) < 15 ||
	    strlen(iban) > 34 || !is_alpha(iban, 2) || iban[2] < '0' || iban[2] > '9' ||
	    iban[3] < '0' || iban[3] > '9') {
		*err = "the IBAN is not a valid IBAN (2 letters, 2 digits, at most 34 characters)";
		return NULL;
	}
	if (f->bic && *f->bic && (!compact_code(f->bic, bic, sizeof bic) ||
	    (strlen(bic) != 8 && strlen(bic) != 11) || !is_alpha(bic, 6))) {
		*err = "the BIC is not a valid BIC (8 or 11 letters and digits)";
		return NULL;
	}
	if (f->amount_cents > EPC_MAX_CENTS) {
		*err = "the amount is more than a payment QR code can carry (EUR 999999999.99)";
		return NULL;
	}
	if (f->amount_cents > 0) {
		long long c = (long long)f->amount_cents;
		snprintf(amount, sizeof amount, "EUR%lld.%02lld", c / 100, c % 100);
	}
	if ((f->name && !utf8_valid((const unsigned char *)f->name)) ||
	    (f->remittance && !utf8_valid((const unsigned char *)f->remittance))) {
		*err = "the beneficiary name or the remittance is not valid UTF-8";
		return NULL;
	}
	char *name = clean_text(f->name), *rem = clean_text(f->remittance);
	char *out = NULL;
	if (!*name) {
		*err = "the beneficiary name (account holder) is empty";
		goto done;
	}
	if (utf8_len(rem) > EPC_REMITTANCE_MAX) {
		/* never cut: a cut invoice number would mislead the payment */
		*err = "the remittance (invoice number) is longer than 140 characters";
		goto done;
	}
	utf8_cut(name, EPC_NAME_MAX);
	for (size_t chars = utf8_len(name); chars > 0; utf8_cut(name, --chars)) {
		const char *field[11] = { "BCD", "002", "1", "SCT", bic, name, iban, amount,
			"", "", rem };
		int last = 10;
		while (!*field[last])
			last--;
		buf b = BUF_INIT;
		for (int i = 0; i <= last; i++) {
			if (i)
				buf_putc(&b, '\n');
			buf_puts(&b, field[i]);
		}
		if (b.len <= EPC_MAX_BYTES) {
			buf_putc(&b, '\0');
			out = buf_detach(&b);
			break;
		}
		buf_free(&b);
	}
	if (!out)
		*err = "the payment QR code would be longer than 331 bytes";
done:
	free(name);
	free(rem);
	return out;
}

/* ---- from an invoice snapshot --------------------------------------- */

static xmlNodePtr
kid(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns &&
		    xmlStrEqual(c->ns->href, (const xmlChar *)INVOICE_NS) &&
		    xmlStrEqual(c->name, (const xmlChar *)name))
			return c;
	return NULL;
}

/* The text of element n (owned, xmlFree), or NULL. */
static xmlChar *
text(xmlNodePtr n)
{
	return n ? xmlNodeGetContent(n) : NULL;
}

static xmlNodePtr
root_of(xmlDocPtr snap)
{
	xmlNodePtr r = snap ? xmlDocGetRootElement(snap) : NULL;
	if (!r || !r->ns || !xmlStrEqual(r->ns->href, (const xmlChar *)INVOICE_NS) ||
	    !xmlStrEqual(r->name, (const xmlChar *)"invoice"))
		return NULL;
	return r;
}

int
epc_snapshot_wants(xmlDocPtr snap)
{
	xmlNodePtr pres = kid(kid(root_of(snap), "practice"), "presentation");
	xmlChar *v = pres ? xmlGetNoNsProp(pres, (const xmlChar *)"payment-qr") : NULL;
	int r = v && xmlStrEqual(v, (const xmlChar *)"epc");
	xmlFree(v);
	return r;
}

char *
epc_payload_from_snapshot(xmlDocPtr snap, const char **err)
{
	*err = NULL;
	xmlNodePtr r = root_of(snap);
	if (!r) {
		*err = "not an invoice snapshot (urn:zorgdoc:invoice:1)";
		return NULL;
	}
	xmlChar *kind = xmlGetNoNsProp(r, (const xmlChar *)"kind");
	int invoice = kind && xmlStrEqual(kind, (const xmlChar *)"invoice");
	xmlFree(kind);
	xmlChar *total = text(kid(kid(r, "totals"), "total-cents"));
	char *end = NULL;
	errno = 0;
	long long cents = total ? strtoll((const char *)total, &end, 10) : 0;
	int bad_total = !total || !*total || *end || errno;
	xmlFree(total);
	if (!invoice)
		return NULL; /* a credit note: nothing to pay */
	if (bad_total) {
		*err = "the snapshot has no valid total";
		return NULL;
	}
	if (cents <= 0)
		return NULL;
	xmlNodePtr p = kid(r, "practice"), bank = kid(p, "bank");
	xmlChar *iban = text(kid(bank, "iban")), *bic = text(kid(bank, "bic"));
	xmlChar *holder = text(kid(bank, "account-holder"));
	xmlChar *name = holder ? NULL : text(kid(p, "name"));
	xmlChar *number = text(kid(r, "number"));
	epc_fields f = { (const char *)bic, (const char *)(holder ? holder : name),
		(const char *)iban, cents, (const char *)number };
	char *out = epc_payload(&f, err);
	xmlFree(iban);
	xmlFree(bic);
	xmlFree(holder);
	xmlFree(name);
	xmlFree(number);
	return out;
}
