/* Unit tests of the layout audit's rules that the engine itself never
 * breaks (so no document can show them): a table row split over two
 * pages though it is short (row-split), and running header slots whose
 * ink intersects (running-overlap). The placements and boxes are made by
 * hand; the rules must find them. */
#include <stdlib.h>
#include <string.h>

#include "../../src/layout/layout_int.h"
#include "unit.h"

/* The number of c's findings of rule; frees none. */
static int
count_rule(const ctx *c, const char *rule)
{
	int n = 0;
	for (size_t i = 0; i < c->nfindings; i++)
		n += strcmp(c->findings[i].rule, rule) == 0;
	return n;
}

static void
findings_free(ctx *c)
{
	for (size_t i = 0; i < c->nfindings; i++)
		free(c->findings[i].text);
	free(c->findings);
	c->findings = NULL;
	c->nfindings = c->findingscap = 0;
}

UNIT_TEST(layout_audit_row_split)
{
	tbl tb = { 0 };
	atom head = { .h = 14 };
	atom row[2] = {
		{ .h = 60, .table = &tb, .first_row = 1, .band = 1, .row_h = 120 },
		{ .h = 60, .table = &tb, .band = 2, .row_h = 120 },
	};
	/* the second band under a repeated header row on the next page */
	placement pl[3] = {
		{ 0, &row[0], 0, 700, 0 },
		{ (size_t)-1, &head, 1, 68, 0 },
		{ 1, &row[1], 1, 82, 0 },
	};
	ctx c = { 0 };
	audit_pages(&c, pl, 3);
	CHECK_INT(count_rule(&c, "row-split"), 1);
	CHECK_INT(count_rule(&c, "table-split-no-header"), 0);
	CHECK_INT((int)c.findings[0].page, 2);
	findings_free(&c);
	/* a row taller than a third of a page may break */
	row[0].row_h = row[1].row_h = BODY_H / 2;
	audit_pages(&c, pl, 3);
	CHECK_INT((int)c.nfindings, 0);
	/* both bands on one page: no split */
	row[0].row_h = row[1].row_h = 120;
	pl[2].page = 0;
	placement same[2] = { pl[0], pl[2] };
	audit_pages(&c, same, 2);
	CHECK_INT((int)c.nfindings, 0);
	/* without the repeated header the continued row is reported too */
	placement bare[2] = { pl[0], { 1, &row[1], 1, 68, 0 } };
	audit_pages(&c, bare, 2);
	CHECK_INT(count_rule(&c, "row-split"), 1);
	CHECK_INT(count_rule(&c, "table-split-no-header"), 1);
	findings_free(&c);
}

UNIT_TEST(layout_audit_running_overlap)
{
	ctx c = { 0 };
	run_box b[3] = {
		{ 70, 30, 400, 40, 1, NULL },
		{ 390, 30, 520, 40, 1, NULL },  /* reaches into the first */
		{ 0, 0, 0, 0, 0, NULL },
	};
	audit_running(&c, 4, b, 3, 70, 530, 14, 60);
	CHECK_INT(count_rule(&c, "running-overlap"), 1);
	CHECK_INT(count_rule(&c, "running-outside"), 0);
	CHECK_INT((int)c.findings[0].page, 4);
	findings_free(&c);
	b[1].x0 = 410; /* side by side */
	audit_running(&c, 4, b, 3, 70, 530, 14, 60);
	CHECK_INT((int)c.nfindings, 0);
	b[1].y1 = 70;  /* below the band */
	audit_running(&c, 4, b, 3, 70, 530, 14, 60);
	CHECK_INT(count_rule(&c, "running-outside"), 1);
	CHECK_INT(count_rule(&c, "running-overlap"), 0);
	findings_free(&c);
}
