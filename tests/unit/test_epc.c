/* Unit tests of the EPC payment QR payload (src/cmd/epcqr.c) against
 * EPC069-12 v2: field order, line feeds, amount format, length limits,
 * name truncation on UTF-8 boundaries, and the snapshot reader. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "../../src/cmd/epcqr.h"
#include "unit.h"

static char *
pay(const char *bic, const char *name, const char *iban, long long cents, const char *rem,
    const char **err)
{
	epc_fields f = { bic, name, iban, cents, rem };
	return epc_payload(&f, err);
}

/* Number of UTF-8 characters (lead bytes). */
static long
chars(const char *s)
{
	long n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The n-th line (0-based) of a payload, in a static buffer. */
static const char *
line_of(const char *p, int n)
{
	static char out[400];
	for (; n > 0 && p; n--) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p)
		return NULL;
	size_t len = strcspn(p, "\n");
	memcpy(out, p, len);
	out[len] = '\0';
	return out;
}

UNIT_TEST(epc_field_order_and_line_feeds)
{
	const char *err;
	char *p = pay("INGBNL2A", "Chakora", "NL67INGB0006543210", 28500, "CH2023-0001", &err);
	CHECK(err == NULL);
	CHECK_STR(p, "BCD\n002\n1\nSCT\nINGBNL2A\nChakora\nNL67INGB0006543210\nEUR285.00\n"
	    "\n\nCH2023-0001");
	free(p);
	/* version 002: the BIC may be left empty; its line stays */
	p = pay(NULL, "Chakora", "NL67 INGB 0006 5432 10", 8000, "CH2023-0002", &err);
	CHECK_STR(p, "BCD\n002\n1\nSCT\n\nChakora\nNL67INGB0006543210\nEUR80.00\n\n\nCH2023-0002");
	free(p);
	/* lower case and spaces in IBAN and BIC are normalised */
	p = pay("ingb nl2a", "X", "nl67ingb0006543210", 1, "R", &err);
	CHECK_STR(line_of(p, 4), "INGBNL2A");
	CHECK_STR(line_of(p, 6), "NL67INGB0006543210");
	free(p);
}

UNIT_TEST(epc_amount_format)
{
	static const struct {
		long long cents;
		const char *want;
	} cases[] = {
		{ 1, "EUR0.01" }, { 10, "EUR0.10" }, { 100, "EUR1.00" }, { 12345, "EUR123.45" },
		{ 99999999999LL, "EUR999999999.99" },
	};
	const char *err;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *p = pay("INGBNL2A", "A", "NL67INGB0006543210", cases[i].cents, "N1", &err);
		CHECK_STR(line_of(p, 7), cases[i].want);
		free(p);
	}
	/* nothing to pay: the amount stays empty (the payer fills it in) */
	char *p = pay("INGBNL2A", "A", "NL67INGB0006543210", 0, "N1", &err);
	CHECK_STR(p, "BCD\n002\n1\nSCT\nINGBNL2A\nA\nNL67INGB0006543210\n\n\n\nN1");
	free(p);
	p = pay("INGBNL2A", "A", "NL67INGB0006543210", -8000, "N1", &err);
	CHECK_STR(line_of(p, 7), "");
	free(p);
	/* beyond what the field can hold: refused, never rounded */
	p = pay("INGBNL2A", "A", "NL67INGB0006543210", 100000000000LL, "N1", &err);
	CHECK(p == NULL);
	CHECK(err && strstr(err, "amount"));
}

UNIT_TEST(epc_trailing_fields_and_no_final_line_feed)
{
	const char *err;
	/* without remittance and amount, the payload ends with the IBAN */
	char *p = pay("INGBNL2A", "A", "NL67INGB0006543210", 0, NULL, &err);
	CHECK_STR(p, "BCD\n002\n1\nSCT\nINGBNL2A\nA\nNL67INGB0006543210");
	free(p);
	p = pay("INGBNL2A", "A", "NL67INGB0006543210", 500, "", &err);
	CHECK_STR(p, "BCD\n002\n1\nSCT\nINGBNL2A\nA\nNL67INGB0006543210\nEUR5.00");
	free(p);
}

UNIT_TEST(epc_name_is_cleaned_and_cut_on_characters)
{
	const char *err;
	char name[400];
	/* 75 ASCII characters: cut to 70 */
	memset(name, 'a', 75);
	name[75] = '\0';
	char *p = pay("INGBNL2A", name, "NL67INGB0006543210", 100, "N", &err);
	CHECK_INT(strlen(line_of(p, 5)), 70);
	free(p);
	/* 69 ASCII then two two-byte characters: 70 characters, 71 bytes,
	 * never half an é */
	memset(name, 'a', 69);
	strcpy(name + 69, "\xC3\xA9\xC3\xA9");
	p = pay("INGBNL2A", name, "NL67INGB0006543210", 100, "N", &err);
	const char *n = line_of(p, 5);
	CHECK_INT(chars(n), 70);
	CHECK_INT(strlen(n), 71);
	CHECK(strcmp(n + 69, "\xC3\xA9") == 0);
	free(p);
	/* line feeds, tabs and runs of spaces inside a name become one space */
	p = pay("INGBNL2A", "  Praktijk\nDe  Balans\t", "NL67INGB0006543210", 100, "N", &err);
	CHECK_STR(line_of(p, 5), "Praktijk De Balans");
	int lf = 0;
	for (const char *q = p; *q; q++)
		lf += *q == '\n';
	CHECK_INT(lf, 10); /* still eleven fields, one per line */
	free(p);
	/* an empty name is refused */
	p = pay("INGBNL2A", " \n ", "NL67INGB0006543210", 100, "N", &err);
	CHECK(p == NULL);
	CHECK(err && strstr(err, "name"));
}

UNIT_TEST(epc_total_stays_within_331_bytes)
{
	const char *err;
	/* 70 four-byte characters (280 bytes): the name shrinks, by whole
	 * characters, until the payload fits */
	char name[400] = "";
	for (int i = 0; i < 70; i++)
		strcat(name, "\xF0\x9D\x84\x9E");
	char *p = pay("INGBNL2A", name, "NL67INGB0006543210", 28500, "CH2023-0001", &err);
	CHECK(p != NULL);
	CHECK(strlen(p) <= EPC_MAX_BYTES);
	CHECK(strlen(p) > EPC_MAX_BYTES - 4); /* no more cut than needed */
	const char *n = line_of(p, 5);
	CHECK_INT(strlen(n) % 4, 0);
	CHECK(strncmp(n, name, strlen(n)) == 0);
	CHECK_STR(line_of(p, 10), "CH2023-0001");
	free(p);
	/* remittance: 140 characters is the limit; more is refused, not cut */
	char rem[200];
	memset(rem, '7', 140);
	rem[140] = '\0';
	p = pay("INGBNL2A", "A", "NL67INGB0006543210", 100, rem, &err);
	CHECK(p != NULL);
	CHECK_INT(strlen(line_of(p, 10)), 140);
	free(p);
	rem[140] = '7';
	rem[141] = '\0';
	p = pay("INGBNL2A", "A", "NL67INGB0006543210", 100, rem, &err);
	CHECK(p == NULL);
	CHECK(err && strstr(err, "140"));
}

UNIT_TEST(epc_refuses_bad_codes_and_bad_utf8)
{
	const char *err;
	CHECK(pay("INGBNL2A", "A", "NL67", 100, "N", &err) == NULL && err);
	CHECK(pay("INGBNL2A", "A", "67NLINGB0006543210", 100, "N", &err) == NULL && err);
	CHECK(pay("INGBNL2A", "A", "NL67INGB000654321\n0", 100, "N", &err) == NULL && err);
	CHECK(pay("INGB", "A", "NL67INGB0006543210", 100, "N", &err) == NULL && err &&
	    strstr(err, "BIC"));
	CHECK(pay("1NGBNL2A", "A", "NL67INGB0006543210", 100, "N", &err) == NULL && err);
	CHECK(pay("INGBNL2A", "A\xC3", "NL67INGB0006543210", 100, "N", &err) == NULL && err &&
	    strstr(err, "UTF-8"));
	CHECK(pay("INGBNL2A", "A\xC0\x80", "NL67INGB0006543210", 100, "N", &err) == NULL && err);
	char *p = pay("INGBNL2AXXX", "A", "NL67INGB0006543210", 100, "N", &err);
	CHECK(p != NULL);
	free(p);
}

static xmlDocPtr
snap(const char *kind, const char *total, const char *holder, const char *qr)
{
	char xml[2048];
	snprintf(xml, sizeof xml,
	    "<invoice xmlns='urn:zorgdoc:invoice:1' version='1' kind='%s'>"
	    "<number>CH2023-0007</number><practice><name>Chakora</name>"
	    "<bank><iban>NL67INGB0006543210</iban><bic>INGBNL2A</bic>%s</bank>"
	    "<presentation lang='nl' address='je'%s/></practice>"
	    "<totals><total-cents>%s</total-cents></totals></invoice>",
	    kind, holder, qr, total);
	return xmlReadMemory(xml, (int)strlen(xml), "snap.xml", NULL, XML_PARSE_NONET);
}

UNIT_TEST(epc_from_snapshot)
{
	const char *err;
	xmlDocPtr d = snap("invoice", "17500", "", " payment-qr='epc'");
	CHECK(epc_snapshot_wants(d));
	char *p = epc_payload_from_snapshot(d, &err);
	CHECK_STR(p, "BCD\n002\n1\nSCT\nINGBNL2A\nChakora\nNL67INGB0006543210\nEUR175.00\n\n\n"
	    "CH2023-0007");
	free(p);
	xmlFreeDoc(d);
	/* the account holder, when the snapshot has one, is the beneficiary */
	d = snap("invoice", "17500", "<account-holder>S. Verhoeven h.o.d.n. Chakora</account-holder>", "");
	CHECK(!epc_snapshot_wants(d));
	p = epc_payload_from_snapshot(d, &err);
	CHECK_STR(line_of(p, 5), "S. Verhoeven h.o.d.n. Chakora");
	free(p);
	xmlFreeDoc(d);
	/* a credit note or nothing to pay: no code, and no error */
	d = snap("credit", "-17500", "", " payment-qr='epc'");
	CHECK(epc_payload_from_snapshot(d, &err) == NULL && err == NULL);
	xmlFreeDoc(d);
	d = snap("invoice", "0", "", " payment-qr='epc'");
	CHECK(epc_payload_from_snapshot(d, &err) == NULL && err == NULL);
	xmlFreeDoc(d);
	d = snap("invoice", "12x", "", "");
	CHECK(epc_payload_from_snapshot(d, &err) == NULL && err != NULL);
	xmlFreeDoc(d);
}

/* ---- the zorgnota template on snapshots with and without presentation */

#include "../../src/base/buf.h"
#include "../../src/base/paths.h"
#include "../../src/base/xmlsafe.h"
#include "../../src/xform/xform.h"

/* The snapshot of docs/invoice-snapshot.md, with `presentation` (may be
 * empty: none, as in snapshots made before zorgdoc kept it). */
static char *
nota_snapshot(const char *presentation)
{
	return xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<invoice xmlns=\"urn:zorgdoc:invoice:1\" version=\"1\" kind=\"invoice\">"
	    "<number>CH2023-0001</number><date>2023-11-30</date><due-date>2023-12-14</due-date>"
	    "<payment-term-days>14</payment-term-days><period>2023-11</period>"
	    "<practice><name>Chakora</name><address><street>Lindelaan 12</street>"
	    "<postcode>3581 AB</postcode><city>Utrecht</city></address><kvk>71234567</kvk>"
	    "<agb-practice>90061234</agb-practice><agb-therapist>90054321</agb-therapist>"
	    "<association><name>VIT</name><membership>IT-1</membership></association>"
	    "<bank><iban>NL67INGB0006543210</iban><account-holder>Chakora</account-holder></bank>"
	    "%s</practice>"
	    "<client id=\"1\" ref=\"A1\"><name>Anna Verzonnen</name><address><street>Verzinselstraat 1"
	    "</street><postcode>1234 AB</postcode><city>Nergensdorp</city></address>"
	    "<birth-date>1980-02-29</birth-date></client>"
	    "<lines><line treatment=\"1\"><date>2023-11-03</date><prestatiecode>24004</prestatiecode>"
	    "<description>Consult integratieve therapie</description><vat>exempt</vat>"
	    "<amount-cents>8000</amount-cents></line></lines>"
	    "<totals><count>1</count><vat-group treatment=\"exempt\" rate-percent=\"0\" "
	    "amount-cents=\"8000\" vat-cents=\"0\"/><vat-cents>0</vat-cents>"
	    "<total-cents>8000</total-cents></totals></invoice>\n", presentation);
}

/* The zorgnota document (serialised) for a snapshot; the payment-qr
 * parameter as given. NULL on error. */
static char *
nota_of(const char *presentation, const char *qr)
{
	diag d = DIAG_INIT;
	if (xmlsafe_init(paths_datadir(), &d) != 0)
		return NULL;
	char *x = nota_snapshot(presentation);
	xmlDocPtr in = xmlsafe_read_memory(x, strlen(x), "snapshot", &d);
	buf out = BUF_INIT;
	const char *params[] = { "payment-qr", qr, NULL };
	int rc = in ? xform_apply_to_buf("zorgnota.xsl", in, params, &out, &d) : -1;
	xmlFreeDoc(in);
	free(x);
	diag_free(&d);
	if (rc != 0) {
		buf_free(&out);
		return NULL;
	}
	buf_putc(&out, '\0');
	return buf_detach(&out);
}

UNIT_TEST(nota_old_snapshot_is_dutch_u_default_colour)
{
	char *doc = nota_of("", "");
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(strstr(doc, "<d:language>nl</d:language>") != NULL);
	CHECK(strstr(doc, "Ik verzoek u het bedrag") != NULL);
	CHECK(strstr(doc, "colour=") == NULL);
	CHECK(strstr(doc, "<d:qr") == NULL);
	free(doc);
}

UNIT_TEST(nota_presentation_sets_language_address_colour)
{
	char *doc = nota_of("<presentation lang=\"nl\" address=\"je\" colour=\"#6b3fa0\"/>", "");
	CHECK(doc && strstr(doc, "Ik verzoek je het bedrag") != NULL);
	CHECK(doc && strstr(doc, "<d:style font=\"sans\" colour=\"#6b3fa0\"/>") != NULL);
	free(doc);
	doc = nota_of("<presentation lang=\"en\" address=\"u\"/>", "BCD\n002");
	CHECK(doc && strstr(doc, "<d:language>en</d:language>") != NULL);
	CHECK(doc && strstr(doc, "Please transfer the amount of €80.00") != NULL);
	/* the QR payload goes through verbatim, line feeds included */
	CHECK(doc && strstr(doc, "<d:qr data=\"BCD&#10;002\"") != NULL);
	CHECK(doc && strstr(doc, "label=\"Scan to pay\"") != NULL);
	free(doc);
}
