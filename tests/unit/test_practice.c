/* Unit tests of src/practice: the value validators, invoice number
 * formatting, loading a practice and its accessors, the lint on a clean
 * file, and the hardened parser underneath against entity attacks. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../src/base/buf.h"
#include "../../src/base/diag.h"
#include "../../src/base/paths.h"
#include "../../src/base/xmlsafe.h"
#include "../../src/practice/practice.h"
#include "../../src/practice/validate.h"
#include "unit.h"

#define OK(x) CHECK((x) == NULL)
#define BAD(x) CHECK((x) != NULL)

UNIT_TEST(validate_iban_mod97)
{
	OK(validate_iban("NL91ABNA0417164300"));
	OK(validate_iban("NL91 ABNA 0417 1643 00"));
	OK(validate_iban("NL93RABO0123456780"));
	OK(validate_iban("DE89370400440532013000"));
	OK(validate_iban("GB82WEST12345698765432"));
	BAD(validate_iban("NL92ABNA0417164300"));  /* check digits */
	BAD(validate_iban("NL91ABNA0417164301"));  /* one digit off */
	BAD(validate_iban("NL91ABNA041716430"));   /* too short for NL */
	BAD(validate_iban("nl91abna0417164300"));  /* lower case */
	BAD(validate_iban("NL91AB1A0417164300"));  /* digit in bank code */
	BAD(validate_iban(""));
	BAD(validate_iban("NL91-ABNA-0417-1643-00"));
	BAD(validate_iban("XX00"));
	BAD(validate_iban("DE8937040044053201300012345678901234567"));
}

UNIT_TEST(validate_kvk_agb)
{
	OK(validate_kvk("63074281"));
	BAD(validate_kvk("6307428"));
	BAD(validate_kvk("630742811"));
	BAD(validate_kvk("6307428a"));
	BAD(validate_kvk(" 63074281"));
	BAD(validate_kvk(""));
	OK(validate_agb("90063074"));
	BAD(validate_agb("90-063074"));
	BAD(validate_agb("9006307"));
	BAD(validate_agb("900630745"));
}

UNIT_TEST(validate_postcode)
{
	OK(validate_postcode_nl("6721 BN"));
	OK(validate_postcode_nl("6721BN"));
	OK(validate_postcode_nl("1000 AA"));
	BAD(validate_postcode_nl("0721 BN"));  /* no leading zero */
	BAD(validate_postcode_nl("6721 bn"));
	BAD(validate_postcode_nl("6721  BN"));
	BAD(validate_postcode_nl("672 BN"));
	BAD(validate_postcode_nl("6721 SA"));  /* not used */
	BAD(validate_postcode_nl("6721 SS"));
	OK(validate_postcode_nl("6721 SB"));
	BAD(validate_postcode_nl(""));
}

UNIT_TEST(validate_email_syntax)
{
	OK(validate_email("info@ontmoetingsatelier.nl"));
	OK(validate_email("a.b+c@sub.example.co.uk"));
	OK(validate_email("x_y-z@x-y.nl"));
	BAD(validate_email("info(at)example.nl"));
	BAD(validate_email("info@example"));
	BAD(validate_email("@example.nl"));
	BAD(validate_email("a@@example.nl"));
	BAD(validate_email("a@b@example.nl"));
	BAD(validate_email(".a@example.nl"));
	BAD(validate_email("a..b@example.nl"));
	BAD(validate_email("a@-example.nl"));
	BAD(validate_email("a@example.n"));
	BAD(validate_email("a@example.123"));
	BAD(validate_email("a b@example.nl"));
	BAD(validate_email("a@exa mple.nl"));
	BAD(validate_email(""));
}

UNIT_TEST(validate_dates)
{
	OK(validate_date("2023-10-19"));
	OK(validate_date("2024-02-29"));  /* leap year */
	OK(validate_date("2000-02-29"));  /* divisible by 400 */
	BAD(validate_date("1900-02-29")); /* divisible by 100 */
	BAD(validate_date("2023-02-29"));
	BAD(validate_date("2023-04-31"));
	BAD(validate_date("2023-13-01"));
	BAD(validate_date("2023-00-10"));
	BAD(validate_date("2023-01-00"));
	BAD(validate_date("2023-1-01"));
	BAD(validate_date("19-10-2023"));
	BAD(validate_date("2023/10/19"));
	BAD(validate_date("1899-12-31"));
	BAD(validate_date(""));
	OK(validate_date("2023-12-31"));
}

UNIT_TEST(validate_other_values)
{
	OK(validate_bic("RABONL2U"));
	OK(validate_bic("ABNANL2AXXX"));
	BAD(validate_bic("RABONL2"));
	BAD(validate_bic("rabonl2u"));
	OK(validate_colour("#6b3fa0"));
	BAD(validate_colour("6b3fa0"));
	BAD(validate_colour("#6b3fg0"));
	OK(validate_url("https://www.quasir.nl/klachten"));
	BAD(validate_url("www.quasir.nl"));
	BAD(validate_url("https://"));
	BAD(validate_url("javascript:alert(1)"));
	OK(validate_prestatiecode("24004"));
	BAD(validate_prestatiecode("2400"));
	OK(validate_vat_number("NL004123456B01"));
	BAD(validate_vat_number("NL004123456C01"));
	BAD(validate_vat_number("NL04123456B01"));
	OK(validate_lifetime("session"));
	OK(validate_lifetime("P2Y"));
	OK(validate_lifetime("PT24H"));
	BAD(validate_lifetime("2 jaar"));
	BAD(validate_lifetime("P2"));
	BAD(validate_lifetime("PT2D"));
	OK(validate_lifetime("P1Y6M"));
	OK(validate_lifetime("PT30S"));
	OK(validate_lifetime("PT30000000S"));
	OK(validate_lifetime("P1DT12H"));
	BAD(validate_lifetime("P"));
	BAD(validate_lifetime("PT"));
	BAD(validate_lifetime("P6M1Y"));
	BAD(validate_lifetime("P1YT"));
	BAD(validate_lifetime("P12345678901D"));
	long long v = -1;
	OK(validate_uint("8500", 0, 100000000, &v));
	CHECK_INT(v, 8500);
	BAD(validate_uint("85.00", 0, 100000000, NULL));
	BAD(validate_uint("-1", 0, 10, NULL));
	BAD(validate_uint("11", 0, 10, NULL));
	BAD(validate_uint("99999999999999999999999", 0, 100, NULL));
	BAD(validate_uint("", 0, 10, NULL));
}

UNIT_TEST(number_patterns)
{
	OK(validate_number_pattern("{year}-{seq:04}"));
	OK(validate_number_pattern("CH{year}{seq}"));
	BAD(validate_number_pattern("{year}"));          /* no sequence */
	BAD(validate_number_pattern("{seq}-{seq}"));
	BAD(validate_number_pattern("{year}-{nr}"));
	BAD(validate_number_pattern("{year-{seq}"));
	BAD(validate_number_pattern("{seq:4}"));
	BAD(validate_number_pattern("A B{seq}"));
	char *s = practice_format_number("{year}-{seq:04}", 2024, 7);
	CHECK_STR(s, "2024-0007");
	free(s);
	s = practice_format_number("CH{year}{seq}", 2023, 12345);
	CHECK_STR(s, "CH202312345");
	free(s);
	s = practice_format_number("OA-{year}-{seq:03}", 2025, 1234);
	CHECK_STR(s, "OA-2025-1234");
	free(s);
	CHECK(practice_format_number("{year}", 2024, 1) == NULL);
}

static int
init_xml(void)
{
	diag d = DIAG_INIT;
	int r = xmlsafe_init(paths_datadir(), &d);
	diag_free(&d);
	return r;
}

UNIT_TEST(practice_load_sample_and_accessors)
{
	CHECK_INT(init_xml(), 0);
	diag d = DIAG_INIT;
	char *path = paths_data_file("samples/biobalans/practice.xml");
	practice *p = practice_load(path, &d);
	CHECK(p != NULL);
	CHECK_INT(d.nerrors, 0);
	if (!p) {
		diag_print(&d, stderr);
		diag_free(&d);
		free(path);
		return;
	}
	const practice_identity *id = practice_identity_get(p);
	CHECK_STR(id->name, "Praktijk BioBalans");
	CHECK_STR(id->kvk, "63074281");
	CHECK_STR(id->postcode, "6721BN");
	CHECK_STR(id->owner_name, "Annemarie Noorlander");
	CHECK_STR(id->association_abbr, "MBOG");
	CHECK_STR(id->logo_file, "logo.png");
	CHECK(id->vat_number == NULL);
	const practice_policy *pol = practice_policy_get(p);
	CHECK_STR(pol->address, "u");
	CHECK_STR(pol->effective, "2018-05-25");
	const practice_invoicing *inv = practice_invoicing_get(p);
	CHECK(inv != NULL);
	CHECK_STR(inv->number_pattern, "{year}-{seq:04}");
	CHECK_INT(inv->payment_days, 14);
	CHECK_INT(practice_tariff_count(p), 2);
	const practice_tariff *t = practice_tariff_lookup(p, "follow-up");
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(t->amount_cents, 7000);
		CHECK_INT(t->minutes, 45);
		CHECK_STR(t->prestatiecode, "24001");
		CHECK(t->vat == PRACTICE_VAT_KOR);
		CHECK_STR(t->description, "Vervolgconsult orthomoleculaire therapie");
	}
	CHECK(practice_tariff_lookup(p, "nope") == NULL);
	CHECK(practice_doc(p) != NULL);
	CHECK_STR(practice_path(p), path);
	/* the sample makes publishable documents: no blocking finding, six
	 * notes (a purpose without categories, no complaint-ap right, no
	 * audits, practice-role, the liability cap, outside-eea allowed) */
	int nw = practice_lint(p, &d);
	CHECK_INT(nw, 0);
	CHECK_INT(d.nwarnings, 0);
	CHECK_INT(d.n, 6);
	diag only = DIAG_INIT;
	CHECK_INT(practice_lint_blocking(p, DIAG_ERROR, &only), 0);
	CHECK_INT(only.n, 0);
	diag_free(&only);
	practice_free(p);
	practice_free(NULL);
	diag_free(&d);
	free(path);
}

UNIT_TEST(practice_minimal_has_no_warnings)
{
	CHECK_INT(init_xml(), 0);
	diag d = DIAG_INIT;
	char *path = paths_data_file("tests/golden/practice/minimal.xml");
	practice *p = practice_load(path, &d);
	CHECK(p != NULL);
	if (p) {
		CHECK_INT(practice_lint(p, &d), 0);
		const practice_tariff *t = practice_tariff_at(p, 0);
		CHECK(t && t->vat == PRACTICE_VAT_EXEMPT && t->amount_cents == 8000);
		CHECK(practice_tariff_at(p, 1) == NULL);
	}
	CHECK_INT(d.n, 0);
	practice_free(p);
	diag_free(&d);
	free(path);
}

/* The parser itself (below the DOCTYPE pre-check of practice_load) refuses
 * entity attacks quickly and never reads the referenced file. */
static double
seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
diag_mentions(const diag *d, const char *s)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->items[i].msg, s))
			return 1;
	return 0;
}

UNIT_TEST(xmlsafe_refuses_entity_attacks)
{
	CHECK_INT(init_xml(), 0);
	buf b = BUF_INIT;
	/* billion laughs */
	buf_puts(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE p [\n<!ENTITY l0 \"lol\">\n");
	for (int i = 1; i < 10; i++) {
		buf_printf(&b, "<!ENTITY l%d \"", i);
		for (int k = 0; k < 10; k++)
			buf_printf(&b, "&l%d;", i - 1);
		buf_puts(&b, "\">\n");
	}
	buf_puts(&b, "]>\n<p>&l9;</p>\n");
	diag d = DIAG_INIT;
	double t0 = seconds();
	xmlDocPtr doc = xmlsafe_read_memory(b.s, b.len, "laughs.xml", &d);
	CHECK(doc == NULL);
	CHECK(d.nerrors > 0);
	CHECK(seconds() - t0 < 1.0);
	xmlFreeDoc(doc);
	diag_free(&d);
	buf_free(&b);

	/* quadratic blowup: one big entity referenced many times */
	buf_puts(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY a \"");
	for (int i = 0; i < 20000; i++)
		buf_putc(&b, 'a');
	buf_puts(&b, "\">]>\n<p>");
	for (int i = 0; i < 20000; i++)
		buf_puts(&b, "&a;");
	buf_puts(&b, "</p>\n");
	t0 = seconds();
	doc = xmlsafe_read_memory(b.s, b.len, "quadratic.xml", &d);
	CHECK(doc == NULL);
	CHECK(diag_mentions(&d, "DOCTYPE"));
	CHECK(seconds() - t0 < 1.0);
	xmlFreeDoc(doc);
	diag_free(&d);
	buf_free(&b);

	/* XXE: the file is not read, nothing of it appears */
	const char *xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<p>&x;</p>\n";
	doc = xmlsafe_read_memory(xxe, strlen(xxe), "xxe.xml", &d);
	CHECK(doc == NULL);
	CHECK(!diag_mentions(&d, "root:"));
	xmlFreeDoc(doc);
	diag_free(&d);

	/* external DTD over the network: refused, not fetched */
	const char *ext = "<?xml version=\"1.0\"?>\n<!DOCTYPE p SYSTEM \"http://127.0.0.1:9/x.dtd\">\n<p/>\n";
	t0 = seconds();
	doc = xmlsafe_read_memory(ext, strlen(ext), "ext.xml", &d);
	CHECK(doc == NULL);
	CHECK(seconds() - t0 < 1.0);
	xmlFreeDoc(doc);
	diag_free(&d);
}
