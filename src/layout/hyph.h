/* hyph — Dutch hyphenation for the layout engine: libhyphen with Debian's
 * hyphen-nl patterns (/usr/share/hyphen/hyph_nl_NL.dic, ISO-8859-1).
 *
 * In: words of UTF-8 text. Out: the same text with soft hyphens (U+00AD)
 * at the points where a line may break, which pango then honours. At
 * least 2 characters stay before a break and 3 after. Tokens that are
 * not plain words are never hyphenated: anything with a digit, '@', '/',
 * ':', '.', '_' or similar inside (e-mail addresses, URLs, IBANs,
 * numbers, dates), and words the dictionary cannot spell (non-Latin-1
 * letters). Compounds written with a hyphen are hyphenated per part. */
#ifndef ZORGDOC_HYPH_H
#define ZORGDOC_HYPH_H

#include <stddef.h>

#include "../base/buf.h"

/* Loads the dictionary once per process (no-op afterwards; the first
 * hyph_append_word calls it). Returns 0, or -1 when it is not installed
 * (text is then set without hyphenation). */
int hyph_init(void);
/* Releases the dictionary (for leak checkers). */
void hyph_cleanup(void);

/* Appends the token s[0..n) (no white space in it) to out with soft
 * hyphens inserted where allowed. */
void hyph_append_word(buf *out, const char *s, size_t n);

/* Returns word with '-' at each allowed break (for tests and debugging);
 * the caller frees. */
char *hyph_debug(const char *word);

#endif
