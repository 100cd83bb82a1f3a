/* fuzz_practice — libFuzzer target for the practice loader: arbitrary
 * bytes as practice.xml through the hardened parser, RELAX NG validation,
 * the semantic checks and the legal lint. Must never crash, leak or hang.
 * Built and run by `make fuzz` (tests/fuzz/run.sh). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/base/paths.h"
#include "../../src/base/xmlsafe.h"
#include "../../src/practice/practice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int inited;
	if (!inited) {
		diag d = DIAG_INIT;
		if (xmlsafe_init(paths_datadir(), &d) != 0)
			abort();
		snprintf(path, sizeof path, "/dev/shm/zorgdoc-fuzz-%ld.xml", (long)getpid());
		inited = 1;
	}
	FILE *fp = fopen(path, "wb");
	if (!fp)
		abort();
	if (size && fwrite(data, 1, size, fp) != size)
		abort();
	fclose(fp);
	diag d = DIAG_INIT;
	practice *p = practice_load(path, &d);
	if (p) {
		practice_lint(p, &d);
		practice_free(p);
	}
	diag_free(&d);
	return 0;
}
