/* Unit tests of the rights part of src/store (rights.h) and its command
 * helpers (src/cmd/rightscmd.h): breach dates and checks, retention
 * windows, the client's terms and erasure through the API. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/base/buf.h"
#include "../../src/cmd/rightscmd.h"
#include "../../src/store/check.h"
#include "../../src/store/rights.h"
#include "unit.h"

UNIT_TEST(rights_breach_minutes)
{
	int64_t day = check_date_days("2024-03-01") * 1440;
	CHECK(store_breach_minutes("2024-03-01", 0) == day);
	CHECK(store_breach_minutes("2024-03-01", 1) == day + 1439);
	CHECK(store_breach_minutes("2024-03-01T09:30", 0) == day + 570);
	CHECK(store_breach_minutes("2024-03-01 09:30", 1) == day + 570);
	CHECK(store_breach_minutes("2024-03-01T24:00", 0) == -1);
	CHECK(store_breach_minutes("2024-03-01T09:60", 0) == -1);
	CHECK(store_breach_minutes("2024-02-30", 0) == -1);
	CHECK(store_breach_minutes("2024-03-01T9:30", 0) == -1);
	CHECK(store_breach_minutes("", 0) == -1);
	CHECK(store_breach_minutes(NULL, 0) == -1);
}

UNIT_TEST(rights_breach_check)
{
	store_breach b = { 0, "2024-03-01", NULL, "n", "d", 2, "c", "m", "pending", NULL, "no",
		"laag risico", NULL, NULL };
	const char *field;
	CHECK(store_breach_check(&b, &field) == NULL);
	b.informed_reason = NULL;
	CHECK(store_breach_check(&b, &field) != NULL);
	CHECK_STR(field, "informed");
	b.informed = "2024-03-02";
	b.affected = -1;
	CHECK(store_breach_check(&b, &field) != NULL);
	CHECK_STR(field, "affected");
	b.affected = 0;
	b.occurred = "2024-03-02T00:00";
	CHECK(store_breach_check(&b, &field) != NULL);
	CHECK_STR(field, "occurred");
	b.occurred = "2024-03-01T23:00";
	CHECK(store_breach_check(&b, &field) == NULL);
	b.nature = "a\001b";
	CHECK(store_breach_check(&b, &field) != NULL);
	CHECK_STR(field, "nature");
}

UNIT_TEST(rights_window)
{
	char out[11];
	diag d = DIAG_INIT;
	CHECK(cmd_window("--within", "1y", "2024-02-29", out, &d) == 0);
	CHECK_STR(out, "2025-02-28");
	CHECK(cmd_window("--within", "6m", "2023-08-31", out, &d) == 0);
	CHECK_STR(out, "2024-02-29");
	CHECK(cmd_window("--within", "90d", "2023-12-01", out, &d) == 0);
	CHECK_STR(out, "2024-02-29");
	CHECK(cmd_window("--within", "0d", "2023-12-01", out, &d) == 0);
	CHECK_STR(out, "2023-12-01");
	CHECK(d.nerrors == 0);
	CHECK(cmd_window("--within", "1w", "2023-12-01", out, &d) != 0);
	CHECK(cmd_window("--within", "-1y", "2023-12-01", out, &d) != 0);
	CHECK(cmd_window("--within", "y", "2023-12-01", out, &d) != 0);
	CHECK(cmd_window("--within", "1yy", "2023-12-01", out, &d) != 0);
	CHECK(cmd_window("--within", "400y", "2023-12-01", out, &d) != 0);
	CHECK(d.nerrors == 5);
	diag_free(&d);
}

UNIT_TEST(rights_terms_and_erase)
{
	char *dir = xstrdup("/tmp/zorgdoc-unit-XXXXXX");
	CHECK(mkdtemp(dir) != NULL);
	char *path = xasprintf("%s/t.db", dir);
	diag d = DIAG_INIT;
	store *s = store_open(path, &d);
	CHECK(s != NULL);
	if (!s) {
		diag_free(&d);
		free(path);
		rmdir(dir);
		free(dir);
		return;
	}
	store_client *c = store_client_new();
	c->v[STORE_CF_NAME] = xstrdup("Anna Verzonnen");
	c->v[STORE_CF_BSN] = xstrdup("111222333");
	c->guardians = xcalloc(1, sizeof *c->guardians);
	c->guardians[0] = xstrdup("Ouder");
	c->nguardians = 1;
	int64_t id = 0;
	CHECK_INT(store_begin(s, &d), STORE_OK);
	CHECK_INT(store_client_add(s, c, &id, &d), STORE_OK);
	CHECK_INT(store_commit(s, &d), STORE_OK);
	store_client_free(c);

	store_retention_policy pol;
	store_retention_policy_default(&pol);
	store_client_terms t;
	CHECK_INT(store_client_terms_get(s, &pol, id, "2030-01-01", &t, &d), STORE_OK);
	CHECK(!t.dossier_passed);
	CHECK(t.fiscal_passed);
	CHECK(t.invoices == 0);
	CHECK(strlen(t.dossier_end) == 10);
	CHECK_INT(store_client_terms_get(s, &pol, id, "2199-01-01", &t, &d), STORE_OK);
	CHECK(t.dossier_passed);
	pol.dossier_years = 200;
	CHECK_INT(store_client_terms_get(s, &pol, id, "2199-01-01", &t, &d), STORE_OK);
	CHECK(!t.dossier_passed);

	/* Erasure needs the write transaction; then nothing personal is left. */
	CHECK_INT(store_client_erase(s, id, "2030-01-01", "forget", &d), STORE_EDB);
	diag_free(&d);
	d = (diag)DIAG_INIT;
	CHECK_INT(store_begin(s, &d), STORE_OK);
	CHECK_INT(store_client_erase(s, id, "2030-01-01", "forget", &d), STORE_OK);
	CHECK_INT(store_commit(s, &d), STORE_OK);
	CHECK_INT(store_vacuum(s, &d), STORE_OK);
	store_client *back = NULL;
	CHECK_INT(store_client_load(s, id, &back, &d), STORE_OK);
	CHECK(back->v[STORE_CF_BSN] == NULL);
	CHECK_STR(back->v[STORE_CF_NAME], "");
	CHECK(back->nguardians == 0);
	store_client_free(back);
	CHECK_INT(store_client_terms_get(s, &pol, id, "2030-01-01", &t, &d), STORE_OK);
	CHECK(t.erased);

	buf x = BUF_INIT;
	CHECK_INT(store_client_export(s, id, "2030-01-01", NULL, &x, &d), STORE_OK);
	CHECK(strstr(buf_str(&x), "<erased>2030-01-01</erased>") != NULL);
	CHECK(strstr(buf_str(&x), "Anna") == NULL);
	CHECK(strstr(buf_str(&x), "<action>erase</action>") != NULL);
	CHECK(strstr(buf_str(&x), "<controller>") == NULL);
	buf_free(&x);
	/* with the practice: who holds the data, before the client; fields
	 * the practice does not give are left out, markup is escaped */
	store_practice ctl = { .name = "Praktijk <De> & Balans", .street = "Lindelaan 12",
		.postcode = "3581 AB", .city = "Utrecht", .email = "info@balans.example",
		.kvk = "12345678" };
	CHECK_INT(store_client_export(s, id, "2030-01-01", &ctl, &x, &d), STORE_OK);
	const char *cx = strstr(buf_str(&x), "  <controller>\n    <name>Praktijk &lt;De&gt; &amp; Balans</name>\n"
	    "    <street>Lindelaan 12</street>\n    <postcode>3581 AB</postcode>\n"
	    "    <city>Utrecht</city>\n    <email>info@balans.example</email>\n"
	    "    <kvk>12345678</kvk>\n  </controller>\n  <client id=");
	CHECK(cx != NULL);
	buf_free(&x);
	CHECK(d.nerrors == 0);
	store_free(s);
	diag_free(&d);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}
