/* Unit tests of regen's bump rule and modeldiff's canonical form. */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "../../src/base/buf.h"
#include "../../src/modeldiff/modeldiff.h"
#include "../../src/regen/regen.h"
#include "unit.h"

static void
check_bump(const char *in, const char *want)
{
	char *got = regen_bump_version(in);
	if (!want) {
		CHECK(got == NULL);
	} else {
		CHECK(got != NULL);
		if (got)
			CHECK_STR(got, want);
	}
	free(got);
}

UNIT_TEST(regen_bump_version_rule)
{
	check_bump("2023.10", "2023.11");
	check_bump("2023.09", "2023.10");
	check_bump("1.9", "1.10");
	check_bump("1.2", "1.3");
	check_bump("v3", "v4");
	check_bump("99", "100");
	check_bump("2024.1-concept", "2024.2-concept");
	check_bump("concept", NULL);
	check_bump("", NULL);
}

static char *
canon_of(const char *xml)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
	buf b = BUF_INIT;
	modeldiff_canon(xmlDocGetRootElement(doc), 1, &b);
	xmlFreeDoc(doc);
	char *s = buf_detach(&b);
	return s ? s : strdup("");
}

UNIT_TEST(modeldiff_canon_ignores_layout_not_content)
{
	char *a = canon_of("<a y='2' x='1'><policy version='1' effective='2020-01-01' address='u'/><b>  one\n two </b><!-- c --></a>");
	char *b = canon_of("<a x='1' y='2'>\n  <policy address='u' version='2' effective='2021-01-01'/>\n  <b>one two</b>\n</a>");
	char *c = canon_of("<a x='1' y='2'><policy address='je'/><b>one two</b></a>");
	char *m1 = canon_of("<p>a <em>b</em> <strong>c</strong></p>");
	char *m2 = canon_of("<p>a <em>b</em><strong>c</strong></p>");
	CHECK_STR(a, b);
	CHECK(strcmp(a, c) != 0);
	CHECK(strcmp(m1, m2) != 0);
	free(a);
	free(b);
	free(c);
	free(m1);
	free(m2);
}
