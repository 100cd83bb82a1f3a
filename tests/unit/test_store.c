/* Unit tests of src/store: strict parsing (dates, amounts, BSN, IBAN,
 * text), invoice number patterns, the CSV reader, and the store API on a
 * temporary file (clients, treatments, invoices, credit notes). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/base/buf.h"
#include "../../src/cmd/csv.h"
#include "../../src/store/check.h"
#include "../../src/store/store.h"
#include "unit.h"

UNIT_TEST(store_check_dates)
{
	CHECK(check_date("2024-02-29"));
	CHECK(!check_date("2023-02-29"));
	CHECK(check_date("2000-02-29"));
	CHECK(!check_date("1900-02-29"));
	CHECK(!check_date("2023-04-31"));
	CHECK(!check_date("2023-4-01"));
	CHECK(!check_date("2023-04-01x"));
	CHECK(!check_date("1899-12-31"));
	CHECK(!check_date(""));
	CHECK(check_period("2023-11"));
	CHECK(!check_period("2023-13"));
	CHECK(!check_period("2023-00"));
	char out[11];
	check_days_date(check_date_days("2023-11-30") + 14, out);
	CHECK_STR(out, "2023-12-14");
	check_days_date(check_date_days("2024-02-28") + 1, out);
	CHECK_STR(out, "2024-02-29");
	check_days_date(check_date_days("1970-01-01"), out);
	CHECK_STR(out, "1970-01-01");
	CHECK_INT(check_date_days("2023-11-14"), 1700000000 / 86400);
}

UNIT_TEST(store_check_amounts)
{
	int64_t c = -1;
	CHECK(check_amount("85,00", CHECK_MAX_CENTS, &c) == 0 && c == 8500);
	CHECK(check_amount("85.05", CHECK_MAX_CENTS, &c) == 0 && c == 8505);
	CHECK(check_amount("85", CHECK_MAX_CENTS, &c) == 0 && c == 8500);
	CHECK(check_amount("0,00", CHECK_MAX_CENTS, &c) == 0 && c == 0);
	CHECK(check_amount("100000,00", CHECK_MAX_CENTS, &c) == 0 && c == 10000000);
	const char *bad[] = { "100000,01", "85,0", "85,000", "-85", "+85", "1.000,00", "85 ", " 85",
		"€85", "85,-", "", ",50", "1e3", "999999999999", "85,0a" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(check_amount(bad[i], CHECK_MAX_CENTS, &c) == -1);
	char out[32];
	check_format_cents(-17050, out);
	CHECK_STR(out, "-170.50");
	check_format_cents(5, out);
	CHECK_STR(out, "0.05");
}

UNIT_TEST(store_check_bsn_iban)
{
	CHECK(check_bsn("111222333"));
	CHECK(check_bsn("123456782"));
	CHECK(!check_bsn("123456789"));
	CHECK(!check_bsn("000000000"));
	CHECK(!check_bsn("12345678"));
	CHECK(!check_bsn("1234567820"));
	CHECK(!check_bsn("12345678a"));
	CHECK(check_iban("NL67INGB0006543210"));
	CHECK(check_iban("NL67 INGB 0006 5432 10"));
	CHECK(check_iban("nl67ingb0006543210"));
	CHECK(!check_iban("NL67INGB0006543211"));
	CHECK(!check_iban("NL67INGB"));
	CHECK(check_iban("DE89370400440532013000"));
}

UNIT_TEST(store_check_text)
{
	CHECK(check_text("Zoë Ærø", 100) == NULL);
	CHECK(check_text("王小明", 100) == NULL);
	CHECK(check_text("a\tb", 100) != NULL);
	CHECK(check_text_ml("a\nb", 100) == NULL);
	CHECK(check_text("\xc3\x28", 100) != NULL);     /* bad continuation */
	CHECK(check_text("\xc0\xaf", 100) != NULL);     /* overlong */
	CHECK(check_text("\xed\xa0\x80", 100) != NULL); /* surrogate */
	CHECK(check_text("\xc2\x85", 100) != NULL);     /* C1 control */
	CHECK(check_text("   ", 100) != NULL);
	CHECK(check_text("abcdef", 5) != NULL);
	CHECK(check_text(NULL, 5) != NULL);
}

UNIT_TEST(store_number_patterns)
{
	const char *err;
	char *n = store_number_format("{year}-{seq:04}", 2023, 7, &err);
	CHECK_STR(n, "2023-0007");
	free(n);
	n = store_number_format("CH{year}.{seq}", 2024, 12345, &err);
	CHECK_STR(n, "CH2024.12345");
	free(n);
	CHECK(store_number_format("{seq:04}", 2023, 1, &err) == NULL && err);
	CHECK(store_number_format("{year}", 2023, 1, &err) == NULL && err);
	CHECK(store_number_format("{year}/{seq}", 2023, 1, &err) == NULL && err);
	CHECK(store_number_format("{year}-{seq}-{seq}", 2023, 1, &err) == NULL && err);
	CHECK(store_number_format("{year}-{nr}", 2023, 1, &err) == NULL && err);
	CHECK(store_number_format("{year}-{seq:4}", 2023, 1, &err) == NULL && err);
	CHECK(store_number_format("{year-{seq}", 2023, 1, &err) == NULL && err);
}

UNIT_TEST(store_csv_reader)
{
	const char data[] = "\xef\xbb\xbf" "a;b;c\r\n1;\"x;\"\"y\"\"\";3\r\n\"multi\nline\";;\n4;5;6";
	csv *c = csv_new(data, sizeof data - 1);
	csv_row r;
	const char *err;
	CHECK_INT(csv_next(c, &r, &err), 1);
	CHECK_INT(r.n, 3);
	CHECK_STR(r.f[0], "a");
	CHECK_INT(csv_next(c, &r, &err), 1);
	CHECK_INT(r.line, 2);
	CHECK_STR(r.f[1], "x;\"y\"");
	CHECK_INT(csv_next(c, &r, &err), 1);
	CHECK_INT(r.line, 3);
	CHECK_STR(r.f[0], "multi\nline");
	CHECK_STR(r.f[2], "");
	CHECK_INT(csv_next(c, &r, &err), 1);
	CHECK_INT(r.line, 5);
	CHECK_STR(r.f[2], "6");
	CHECK_INT(csv_next(c, &r, &err), 0);
	csv_free(c);

	const char bad[] = "a,b\n\"open,2\n";
	c = csv_new(bad, sizeof bad - 1);
	CHECK_INT(csv_next(c, &r, &err), 1);
	CHECK_INT(csv_next(c, &r, &err), -1);
	CHECK(err != NULL);
	CHECK_INT(r.line, 2);
	csv_free(c);
}

static char *
temp_db(void)
{
	char *dir = xstrdup("/tmp/zorgdoc-unit-XXXXXX");
	if (!mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	char *path = xasprintf("%s/t.db", dir);
	free(dir);
	return path;
}

static void
remove_db(char *path)
{
	unlink(path);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	rmdir(path);
	free(path);
}

static const store_practice practice = {
	.source = "p.xml", .name = "Praktijk Verzonnen", .therapist = "T. Fictief",
	.street = "Lindelaan 12", .postcode = "3581 AB", .city = "Utrecht",
	.kvk = "71234567", .agb_practice = "90061234", .agb_therapist = "90054321",
	.association = "Vereniging", .membership = "IT-1", .iban = "NL67INGB0006543210",
	.number_pattern = "{year}-{seq:04}", .payment_term_days = 14,
};

UNIT_TEST(store_invoice_roundtrip)
{
	char *path = temp_db();
	CHECK(path != NULL);
	diag d = DIAG_INIT;
	store *s = store_open(path, &d);
	CHECK(s != NULL);
	struct stat sb;
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	CHECK_INT(store_schema_version(s), STORE_SCHEMA_VERSION);

	store_client *c = store_client_new();
	c->v[STORE_CF_NAME] = xstrdup("Anna & <Verzonnen>");
	c->v[STORE_CF_STREET] = xstrdup("Straat 1");
	c->v[STORE_CF_POSTCODE] = xstrdup("1234ab");
	c->v[STORE_CF_CITY] = xstrdup("Nergensdorp");
	c->v[STORE_CF_BIRTH_DATE] = xstrdup("1980-01-01");
	int64_t cid = 0, tid = 0;
	CHECK_INT(store_begin(s, &d), STORE_OK);
	CHECK_INT(store_client_add(s, c, &cid, &d), STORE_OK);
	store_treatment t = { .client_id = cid, .date = "2023-11-03", .tariff_id = "consult",
		.prestatiecode = "24004", .description = "Consult integratieve therapie", .amount_cents = 8000,
		.vat = STORE_VAT_EXEMPT, .note = "clinical" };
	CHECK_INT(store_treatment_add(s, &t, &tid, &d), STORE_OK);
	CHECK_INT(store_commit(s, &d), STORE_OK);
	store_client_free(c);

	store_client *back = NULL;
	CHECK_INT(store_client_load(s, cid, &back, &d), STORE_OK);
	CHECK_STR(back->v[STORE_CF_POSTCODE], "1234 AB");
	store_client_free(back);

	char *num = NULL;
	store_invoice_opts o = { "2023-11-30", "2023-11", 0 };
	CHECK_INT(store_invoice_create(s, &practice, cid, &o, &num, &d), STORE_OK);
	CHECK_STR(num, "2023-0001");
	char *xml;
	size_t len;
	CHECK_INT(store_invoice_snapshot(s, num, &xml, &len, &d), STORE_OK);
	CHECK(strstr(xml, "<name>Anna &amp; &lt;Verzonnen&gt;</name>") != NULL);
	CHECK(strstr(xml, "<due-date>2023-12-14</due-date>") != NULL);
	CHECK(strstr(xml, "clinical") == NULL);
	free(xml);

	/* Nothing left to invoice: refused, no number used. */
	char *num2 = NULL;
	CHECK_INT(store_invoice_create(s, &practice, cid, &o, &num2, &d), STORE_EINPUT);
	CHECK(num2 == NULL);
	char *cr = NULL;
	CHECK_INT(store_invoice_credit(s, &practice, num, &o, &cr, &d), STORE_OK);
	CHECK_STR(cr, "2023-0002");
	CHECK_INT(store_invoice_create(s, &practice, cid, &o, &num2, &d), STORE_OK);
	CHECK_STR(num2, "2023-0003");

	/* A practice without KvK is refused and numbers nothing. */
	store_practice p2 = practice;
	p2.kvk = NULL;
	t.date[9] = '4';
	CHECK_INT(store_begin(s, &d), STORE_OK);
	CHECK_INT(store_treatment_add(s, &t, &tid, &d), STORE_OK);
	CHECK_INT(store_commit(s, &d), STORE_OK);
	diag d2 = DIAG_INIT;
	char *num3 = NULL;
	CHECK_INT(store_invoice_create(s, &p2, cid, &o, &num3, &d2), STORE_EINPUT);
	CHECK(d2.n == 1 && strstr(d2.items[0].msg, "KvK") != NULL);
	diag_free(&d2);
	CHECK_INT(store_invoice_create(s, &practice, cid, &o, &num3, &d), STORE_OK);
	CHECK_STR(num3, "2023-0004");

	CHECK_INT(d.nerrors, 1); /* the refused second invoice */
	CHECK(strstr(d.items[0].msg, "no uninvoiced treatments") != NULL);
	free(num);
	free(num2);
	free(num3);
	free(cr);
	store_free(s);
	diag_free(&d);
	remove_db(path);
}

/* A rekey (through another handle, as another process would) replaces
 * the file; a handle opened before it must refuse to write into the old,
 * unlinked file. */
UNIT_TEST(store_rekey_replaced_file_refuses_writes)
{
	char *path = temp_db();
	CHECK(path != NULL);
	diag d = DIAG_INIT;
	store *before = store_open(path, &d);
	store *other = store_open(path, &d);
	CHECK(before != NULL && other != NULL);
	const char *old = getenv("ZORGDOC_NEW_PASSPHRASE");
	char *saved = old ? xstrdup(old) : NULL;
	setenv("ZORGDOC_NEW_PASSPHRASE", "unit test new passphrase", 1);
	CHECK_INT(store_rekey(other, &d), STORE_OK);
	store_free(other);
	diag e = DIAG_INIT;
	CHECK_INT(store_begin(before, &e), STORE_EDB);
	CHECK(e.nerrors == 1 && strstr(e.items[0].msg, "replaced") != NULL);
	diag_free(&e);
	store_free(before);
	/* The new file opens (the process remembers the new key). */
	store *after = store_open(path, &d);
	CHECK(after != NULL);
	CHECK_INT(store_begin(after, &d), STORE_OK);
	store_rollback(after);
	store_free(after);
	if (saved)
		setenv("ZORGDOC_NEW_PASSPHRASE", saved, 1);
	else
		unsetenv("ZORGDOC_NEW_PASSPHRASE");
	free(saved);
	CHECK(d.nerrors == 0);
	diag_free(&d);
	remove_db(path);
}
