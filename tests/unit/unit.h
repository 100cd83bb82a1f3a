/* unit — a tiny unit-test harness. A test is written as
 *
 *     UNIT_TEST(buf_appends) { ... CHECK(x == 1); CHECK_STR(a, "b"); }
 *
 * and registers itself (no central list to edit). tests/unit/main.c runs
 * every test and prints TAP-like "ok"/"not ok" lines that tests/run.sh
 * counts. */
#ifndef ZORGDOC_UNIT_H
#define ZORGDOC_UNIT_H

#include <stdio.h>
#include <string.h>

typedef void (*unit_fn)(void);
void unit_register(const char *name, unit_fn fn);
void unit_fail(const char *file, int line, const char *expr);
extern int unit_current_failed;

#define UNIT_TEST(name)                                                       \
	static void unit_##name(void);                                        \
	__attribute__((constructor)) static void unit_reg_##name(void)        \
	{                                                                     \
		unit_register(#name, unit_##name);                            \
	}                                                                     \
	static void unit_##name(void)

#define CHECK(cond)                                                           \
	do {                                                                  \
		if (!(cond))                                                  \
			unit_fail(__FILE__, __LINE__, #cond);                 \
	} while (0)

#define CHECK_STR(a, b)                                                       \
	do {                                                                  \
		const char *unit_a_ = (a), *unit_b_ = (b);                    \
		if (!unit_a_ || !unit_b_ || strcmp(unit_a_, unit_b_) != 0) {  \
			fprintf(stderr, "  got:      \"%s\"\n  expected: \"%s\"\n", \
			    unit_a_ ? unit_a_ : "(null)", unit_b_ ? unit_b_ : "(null)"); \
			unit_fail(__FILE__, __LINE__, #a " == " #b);          \
		}                                                             \
	} while (0)

#define CHECK_INT(a, b)                                                       \
	do {                                                                  \
		long long unit_a_ = (long long)(a), unit_b_ = (long long)(b); \
		if (unit_a_ != unit_b_) {                                     \
			fprintf(stderr, "  got: %lld expected: %lld\n", unit_a_, unit_b_); \
			unit_fail(__FILE__, __LINE__, #a " == " #b);          \
		}                                                             \
	} while (0)

#endif
