/* hyph — Dutch hyphenation for the layout engine: libhyphen with Debian's
 * hyphen-nl patterns (/usr/share/hyphen/hyph_nl_NL.dic, ISO-8859-1), and
 * an exception list for words the patterns get wrong
 * (locales/hyphenation-nl.txt, loaded once with the patterns).
 *
 * In: words of UTF-8 text. Out: the same text with soft hyphens (U+00AD)
 * at the points where a line may break, which pango then honours. At
 * least 2 letters stay before a break and 3 after. Tokens that are not
 * plain words are never hyphenated: anything with a digit, '@', '/',
 * ':', '.', '_' or similar inside (e-mail addresses, URLs, IBANs,
 * numbers, dates), and words the dictionary cannot spell (non-Latin-1
 * letters). Compounds written with a hyphen are hyphenated per part.
 * E-mail addresses and URLs get zero-width break opportunities (U+200B)
 * after '@', '/' and '.' instead: they may break there, never with a
 * hyphen. */
#ifndef ZORGDOC_HYPH_H
#define ZORGDOC_HYPH_H

#include <stddef.h>

#include "../base/buf.h"

#define HYPH_SOFT "\xC2\xAD"     /* U+00AD soft hyphen */
#define HYPH_ZWSP "\xE2\x80\x8B" /* U+200B zero-width space: a break, no hyphen */
#define HYPH_WJ "\xE2\x81\xA0"   /* U+2060 word joiner: no break here */

/* Loads the dictionary and the exception list once per process (no-op
 * afterwards; the first hyph_append_word calls it). Returns 0, or -1 when
 * the dictionary is not installed (text is then set without
 * hyphenation). */
int hyph_init(void);
/* Releases the dictionary and the exceptions (for leak checkers). */
void hyph_cleanup(void);

/* Appends the token s[0..n) (no white space in it) to out with soft
 * hyphens inserted where allowed. Returns how many it inserted. */
int hyph_append_word(buf *out, const char *s, size_t n);

/* Returns 1 when the token s[0..n) looks like an e-mail address or a URL
 * (an '@' with a '.' after it, "://", or a leading "www."), or a technical
 * name written with underscores (a cookie, a file: "wordpress_logged_in"). */
int hyph_is_address(const char *s, size_t n);
/* Appends the token s[0..n) with a zero-width break opportunity after
 * each '@', each '/' not followed by another, each '.' followed by a
 * letter or digit, and each '_' between letters or digits. */
void hyph_append_address(buf *out, const char *s, size_t n);

/* Returns word as the layout engine would set it (addresses with their
 * break opportunities, words hyphenated when hyphenate is set) with '-'
 * at each soft hyphen and '|' at each zero-width break, for tests and
 * debugging; the caller frees. */
char *hyph_debug_token(const char *word, int hyphenate);
/* hyph_debug_token(word, 1), kept for the tests. */
char *hyph_debug(const char *word);

#endif
