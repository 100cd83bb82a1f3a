/* main — runs every registered unit test (see unit.h). With an argument,
 * only tests whose name contains it. */
#include <stdlib.h>

#include "unit.h"

#define MAX_TESTS 2048

static struct {
	const char *name;
	unit_fn fn;
} tests[MAX_TESTS];
static int ntests;
int unit_current_failed;

void
unit_register(const char *name, unit_fn fn)
{
	if (ntests == MAX_TESTS)
		abort();
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void
unit_fail(const char *file, int line, const char *expr)
{
	fprintf(stderr, "  %s:%d: CHECK failed: %s\n", file, line, expr);
	unit_current_failed = 1;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
main(int argc, char **argv)
{
	qsort(tests, (size_t)ntests, sizeof tests[0], by_name);
	int failed = 0;
	for (int i = 0; i < ntests; i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		unit_current_failed = 0;
		tests[i].fn();
		printf("%s unit: %s\n", unit_current_failed ? "not ok" : "ok", tests[i].name);
		fflush(stdout);
		failed += unit_current_failed;
	}
	return failed ? 1 : 0;
}
