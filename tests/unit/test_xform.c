/* Unit tests of the hardened XSLT layer (src/base/xmlsafe.c) and of
 * templates/common.xsl: dates, money, lists, strings; and that hostile
 * stylesheets can read no file outside the data directory, write nothing,
 * reach no network and cannot loop forever. Run from the repository root
 * with ZORGDOC_DATADIR set (tests/run.sh does). */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <libxslt/xsltutils.h>

#include "../../src/base/buf.h"
#include "../../src/base/fsio.h"
#include "../../src/base/paths.h"
#include "../../src/base/xmlsafe.h"
#include "../../src/xform/xform.h"
#include "unit.h"

static int inited;

static void
init(void)
{
	if (inited)
		return;
	diag d = DIAG_INIT;
	if (xmlsafe_init(paths_datadir(), &d) != 0)
		abort();
	inited = 1;
}

/* Runs tests/xform/<name> on tests/xform/items.xml; returns the text
 * result (caller frees) or NULL, with errors in d. */
static char *
run(const char *name, const char *locale, diag *d)
{
	init();
	char *path = xasprintf("%s/tests/xform/%s", paths_datadir(), name);
	char *in = xasprintf("%s/tests/xform/items.xml", paths_datadir());
	char *res = NULL;
	xsltStylesheetPtr ss = xmlsafe_stylesheet_load(path, d);
	xmlDocPtr doc = xmlsafe_read_file(in, d);
	if (ss && doc) {
		const char *params[] = { "locale", locale, NULL };
		xmlDocPtr out = xmlsafe_transform(ss, doc, params, name, d);
		if (out) {
			xmlChar *s = NULL;
			int len = 0;
			xsltSaveResultToString(&s, &len, out, ss);
			res = xstrdup(s ? (char *)s : "");
			xmlFree(s);
			xmlFreeDoc(out);
		}
	}
	xmlFreeDoc(doc);
	if (ss)
		xsltFreeStylesheet(ss);
	free(path);
	free(in);
	return res;
}

static int
has_msg(const diag *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->items[i].msg, needle))
			return 1;
	return 0;
}

UNIT_TEST(xform_common_dutch)
{
	diag d = DIAG_INIT;
	char *s = run("common-test.xsl", "nl", &d);
	CHECK_STR(s, "19 oktober 2023|€\xc2\xa0" "1.234,56|-€\xc2\xa0" "85,00|€\xc2\xa0" "0,05|"
	    "Mijn Diad, Moneybird en Rabobank|pagina 2 van 7\n");
	CHECK_INT(d.nerrors, 0);
	free(s);
	diag_free(&d);
}

UNIT_TEST(xform_common_english)
{
	diag d = DIAG_INIT;
	char *s = run("common-test.xsl", "en", &d);
	CHECK_STR(s, "19 October 2023|€1,234.56|-€85.00|€0.05|Mijn Diad, Moneybird and Rabobank|page 2 of 7\n");
	free(s);
	diag_free(&d);
}

UNIT_TEST(xform_entry_finds_by_id)
{
	/* twice: the second run uses the locale's index built by the first */
	for (int i = 0; i < 2; i++) {
		diag d = DIAG_INIT;
		char *s = run("entry-test.xsl", i ? "en" : "nl", &d);
		CHECK_STR(s, i ? "page {1} of {2}|s|0|first a|b|0|0\n"
		    : "pagina {1} van {2}|s|0|first a|b|0|0\n");
		CHECK_INT(d.nerrors, 0);
		free(s);
		diag_free(&d);
	}
	diag d = DIAG_INIT;
	char *s = run("entry-test.xsl", "nl", &d);
	CHECK_STR(s, "pagina {1} van {2}|s|0|first a|b|0|0\n");
	free(s);
	diag_free(&d);
}

UNIT_TEST(xform_text_colour_darkens_light_brands)
{
	diag d = DIAG_INIT;
	char *s = run("text-colour-test.xsl", "nl", &d);
	CHECK_STR(s, "#b06324|#2f4858|red|\n");
	CHECK_INT(d.nerrors, 0);
	free(s);
	diag_free(&d);
}

UNIT_TEST(xform_refuses_reading_outside_datadir)
{
	diag d = DIAG_INIT;
	char *s = run("evil-read.xsl", "nl", &d);
	CHECK(s == NULL);
	CHECK(has_msg(&d, "Local file read for /etc/hostname refused"));
	CHECK(d.nerrors > 0);
	free(s);
	diag_free(&d);
}

UNIT_TEST(xform_refuses_writing_files)
{
	diag d = DIAG_INIT;
	unlink("/tmp/zorgdoc-evil-write.txt");
	char *s = run("evil-write.xsl", "nl", &d);
	CHECK(s == NULL);
	CHECK(has_msg(&d, "File write for /tmp/zorgdoc-evil-write.txt refused"));
	CHECK(d.nerrors > 0);
	CHECK(access("/tmp/zorgdoc-evil-write.txt", F_OK) != 0);
	free(s);
	diag_free(&d);
}

UNIT_TEST(xform_refuses_network)
{
	diag d = DIAG_INIT;
	char *s = run("evil-net.xsl", "nl", &d);
	CHECK(s == NULL);
	CHECK(has_msg(&d, "Network file read"));
	CHECK(d.nerrors > 0);
	free(s);
	diag_free(&d);
}

UNIT_TEST(xform_refuses_include_outside_datadir)
{
	diag d = DIAG_INIT;
	char *s = run("evil-include.xsl", "nl", &d);
	CHECK(s == NULL);
	CHECK(has_msg(&d, "unable to load /etc/passwd"));
	CHECK(d.nerrors > 0);
	free(s);
	diag_free(&d);
}

UNIT_TEST(xform_stops_runaway_templates)
{
	diag d = DIAG_INIT;
	char *s = run("evil-loop.xsl", "nl", &d);
	CHECK(s == NULL);
	CHECK(has_msg(&d, "Operation limit exceeded"));
	CHECK(d.nerrors > 0);
	free(s);
	diag_free(&d);
}

UNIT_TEST(xform_today_follows_source_date_epoch)
{
	char today[11];
	setenv("SOURCE_DATE_EPOCH", "1697673600", 1); /* 2023-10-19 */
	xform_today(today);
	CHECK_STR(today, "2023-10-19");
}

/* Transforms tests/xform/doc-sample.xml with templates/<tpl> and compares
 * with tests/xform/<golden> (rewritten under make update-golden). */
static void
check_doc_output(const char *tpl, const char **params, const char *golden, char **out)
{
	init();
	diag d = DIAG_INIT;
	char *in = xasprintf("%s/tests/xform/doc-sample.xml", paths_datadir());
	char *gpath = xasprintf("%s/tests/xform/%s", paths_datadir(), golden);
	xmlDocPtr doc = xmlsafe_read_file(in, &d);
	buf b = BUF_INIT;
	CHECK(doc != NULL);
	if (doc)
		CHECK_INT(xform_apply_to_buf(tpl, doc, params, &b, &d), 0);
	diag_print(&d, stderr);
	if (getenv("ZORGDOC_UPDATE_GOLDEN") && *getenv("ZORGDOC_UPDATE_GOLDEN") == '1')
		fsio_write_file(gpath, b.s, b.len, FSIO_REPLACE, &d);
	char *want = NULL;
	size_t len;
	CHECK_INT(fsio_read_file(gpath, 1 << 20, &want, &len, &d), 0);
	CHECK_STR(buf_str(&b), want);
	*out = buf_detach(&b);
	free(want);
	xmlFreeDoc(doc);
	free(in);
	free(gpath);
	diag_free(&d);
}

UNIT_TEST(xform_html_page_is_valid_and_stable)
{
	char *html;
	check_doc_output("html.xsl", NULL, "doc-sample.html", &html);
	CHECK(strncmp(html, "<!DOCTYPE html>\n<html lang=\"nl\">", 32) == 0);
	CHECK(strstr(html, "<script") == NULL);
	CHECK(strstr(html, "src=") == NULL);  /* no external resources */
	CHECK(strstr(html, "<h1>") != NULL);
	CHECK(strstr(strstr(html, "<h1>") + 1, "<h1>") == NULL); /* one h1 */
	CHECK(strstr(html, "<th scope=\"col\">") != NULL);
	CHECK(strstr(html, "@media print") != NULL);
	char path[] = "/tmp/zorgdoc-html-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK(write(fd, html, strlen(html)) == (ssize_t)strlen(html));
		close(fd);
		char *cmd = xasprintf("tidy -errors -q %s >/dev/null 2>&1", path);
		CHECK_INT(system(cmd), 0);
		free(cmd);
		unlink(path);
	}
	free(html);
}

UNIT_TEST(xform_html_fragment_has_no_page)
{
	const char *params[] = { "fragment", "yes", NULL };
	char *html;
	check_doc_output("html.xsl", params, "doc-sample.fragment.html", &html);
	CHECK(strncmp(html, "<article", 8) == 0);
	CHECK(strstr(html, "<html") == NULL);
	free(html);
}

UNIT_TEST(xform_text_wraps_and_keeps_nobr)
{
	char *text;
	check_doc_output("text.xsl", NULL, "doc-sample.txt", &text);
	for (char *line = text; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		/* count characters, not bytes */
		size_t chars = 0;
		for (size_t i = 0; i < n; i++)
			chars += ((unsigned char)line[i] & 0xC0) != 0x80;
		CHECK(chars <= 76);
		line += n + (nl != NULL);
	}
	CHECK(strstr(text, "NL91\xc2\xa0" "ABNA\xc2\xa0" "0417\xc2\xa0" "1643\xc2\xa0" "00") != NULL);
	free(text);
}
