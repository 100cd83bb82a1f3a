/* Unit tests of src/base: buffers, diagnostics, atomic files. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/base/buf.h"
#include "../../src/base/colour.h"
#include "../../src/base/diag.h"
#include "../../src/base/fsio.h"
#include "../../src/base/paths.h"
#include "unit.h"

UNIT_TEST(buf_grows_and_formats)
{
	buf b = BUF_INIT;
	CHECK_STR(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	CHECK_INT(b.len, 2000);
	CHECK(strncmp(b.s, "0,1,2,", 6) == 0);
	char *s = buf_detach(&b);
	CHECK(b.s == NULL);
	free(s);
}

UNIT_TEST(diag_sorts_and_prints)
{
	diag d = DIAG_INIT;
	CHECK_INT(diag_error(&d, "p.xml", 9, 2, "late"), -1);
	diag_warning(&d, "p.xml", 3, 1, "early");
	CHECK_INT(d.nerrors, 1);
	CHECK_INT(d.nwarnings, 1);
	diag_sort(&d);
	CHECK_STR(d.items[0].msg, "early");
	diag_promote_warnings(&d);
	CHECK_INT(d.nerrors, 2);
	char out[256] = "";
	FILE *fp = fmemopen(out, sizeof out, "w");
	diag_print(&d, fp);
	fclose(fp);
	CHECK_STR(out, "p.xml:3:1: error: early\np.xml:9:2: error: late\n");
	diag_free(&d);
}

UNIT_TEST(fsio_atomic_never_leaves_partial_files)
{
	char dir[] = "/tmp/zorgdoc-unit-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *path = xasprintf("%s/a.txt", dir);
	diag d = DIAG_INIT;
	fsio_atomic *f = fsio_atomic_open(path, FSIO_REPLACE, &d);
	CHECK(f != NULL);
	fsio_atomic_write(f, "half", 4);
	fsio_atomic_abort(f);
	CHECK(access(path, F_OK) != 0);
	CHECK_INT(fsio_write_file(path, "one", 3, FSIO_NOREPLACE, &d), 0);
	CHECK_INT(fsio_write_file(path, "two", 3, FSIO_NOREPLACE, &d), -1);
	char *data;
	size_t len;
	CHECK_INT(fsio_read_file(path, 100, &data, &len, &d), 0);
	CHECK_STR(data, "one");
	free(data);
	CHECK_INT(fsio_read_file(path, 2, &data, &len, &d), -1);
	diag_free(&d);
	unlink(path);
	rmdir(dir);
	free(path);
}

UNIT_TEST(paths_join_refuses_escapes)
{
	diag d = DIAG_INIT;
	char *p = paths_join_safe("/out", "nota.pdf", &d);
	CHECK_STR(p, "/out/nota.pdf");
	free(p);
	CHECK(paths_join_safe("/out", "../etc/passwd", &d) == NULL);
	CHECK(paths_join_safe("/out", "a/b", &d) == NULL);
	CHECK(paths_join_safe("/out", ".hidden", &d) == NULL);
	CHECK_INT(d.nerrors, 3);
	diag_free(&d);
}

UNIT_TEST(colour_text_shade_reaches_aa)
{
	unsigned char rgb[3], out[3];
	char hex[8];
	CHECK_INT(colour_parse("#d6782c", rgb), 0);
	/* Ontmoetingsatelier's orange: 3.19:1 on white, too light for text */
	CHECK(colour_contrast_white(rgb) > 3.18 && colour_contrast_white(rgb) < 3.20);
	colour_text_shade(rgb, out);
	CHECK(colour_contrast_white(out) >= 4.5);
	/* a shade: each channel scaled alike (the hue kept), the lightest
	 * that passes: scaled by 211/255 instead of 210/255 it is 4.49:1 */
	CHECK(out[0] < rgb[0] && out[0] > out[1] && out[1] > out[2]);
	snprintf(hex, sizeof hex, "#%02x%02x%02x", out[0], out[1], out[2]);
	CHECK_STR(hex, "#b06324"); /* 4.51:1 */
	/* a dark colour stays as it is */
	CHECK_INT(colour_parse("#2F4858", rgb), 0);
	colour_text_shade(rgb, out);
	CHECK(memcmp(rgb, out, 3) == 0);
	/* white becomes a grey that just passes; black and the extremes */
	CHECK_INT(colour_parse("#ffffff", rgb), 0);
	CHECK(colour_contrast_white(rgb) < 1.0001);
	colour_text_shade(rgb, out);
	CHECK(colour_contrast_white(out) >= 4.5 && colour_contrast_white(out) < 4.6);
	CHECK_INT(colour_parse("#000000", rgb), 0);
	CHECK(colour_contrast_white(rgb) > 20.99);
	/* only #rrggbb */
	CHECK_INT(colour_parse("#fff", rgb), -1);
	CHECK_INT(colour_parse("d6782c", rgb), -1);
	CHECK_INT(colour_parse("#d6782c0", rgb), -1);
	CHECK_INT(colour_parse("#d6782g", rgb), -1);
	CHECK_INT(colour_parse(NULL, rgb), -1);
}
