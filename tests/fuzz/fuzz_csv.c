/* fuzz_csv — libFuzzer target for what `zorgdoc import` reads: arbitrary
 * bytes through the CSV reader (separators, quotes, CRLF, BOM, fields over
 * lines), and every field through the checks an import applies (client
 * fields by column, dates, months, amounts, ids, BSN, IBAN, text). Must
 * never crash, leak, hang or read out of bounds. Built and run by
 * `make fuzz` (tests/fuzz/run.sh). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/base/buf.h"
#include "../../src/cmd/csv.h"
#include "../../src/store/check.h"
#include "../../src/store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the reader's contract: data need not be NUL-terminated */
	char *copy = xmalloc(size ? size : 1);
	memcpy(copy, data, size);
	csv *c = csv_new(copy, size);
	csv_row r;
	const char *err;
	int got, rows = 0;
	while ((got = csv_next(c, &r, &err)) > 0 && rows++ < 100000) {
		for (size_t i = 0; i < r.n; i++) {
			const char *v = r.f[i];
			char *norm = NULL;
			(void)store_client_field_check((store_client_field)(i % STORE_CF__MAX), v, &norm);
			free(norm);
			int64_t x;
			(void)check_date(v);
			if (check_date(v))
				(void)check_date_days(v);
			(void)check_period(v);
			(void)check_amount(v, CHECK_MAX_CENTS, &x);
			(void)check_id(v, &x);
			(void)check_bsn(v);
			(void)check_iban(v);
			(void)check_text(v, CHECK_MAX_TEXT);
			(void)check_text_ml(v, 20000);
		}
	}
	if (got < 0 && (!err || r.line < 1))
		abort();  /* an error must say what and where */
	csv_free(c);
	free(copy);
	return 0;
}
