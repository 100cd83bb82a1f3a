/* hyph — see hyph.h. Soft hyphens from libhyphen patterns. */
#include "hyph.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <hyphen.h>

#define HYPH_DICT "/usr/share/hyphen/hyph_nl_NL.dic"
#define LEFT_MIN 2
#define RIGHT_MIN 3
#define MAX_WORD 128

static HyphenDict *dict;
static int tried;

int
hyph_init(void)
{
	if (!tried) {
		tried = 1;
		dict = hnj_hyphen_load(HYPH_DICT);
	}
	return dict ? 0 : -1;
}

void
hyph_cleanup(void)
{
	if (dict)
		hnj_hyphen_free(dict);
	dict = NULL;
	tried = 0;
}

/* Hyphenates one part (letters only, checked here) and appends it. */
static void
append_part(buf *out, const char *s, size_t n)
{
	unsigned char lat[MAX_WORD + 1];
	size_t off[MAX_WORD + 1]; /* byte offset of each character in s */
	size_t nch = 0;
	const char *p = s, *end = s + n;
	while (p < end) {
		if (nch >= MAX_WORD)
			goto plain;
		gunichar c = g_utf8_get_char_validated(p, end - p);
		if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_isalpha(c))
			goto plain;
		gunichar l = g_unichar_tolower(c);
		if (l > 0xFF)
			goto plain;
		off[nch] = (size_t)(p - s);
		lat[nch++] = (unsigned char)l;
		p = g_utf8_next_char(p);
	}
	off[nch] = n;
	lat[nch] = '\0';
	if (nch < LEFT_MIN + RIGHT_MIN)
		goto plain;
	char hyphens[MAX_WORD + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	memset(hyphens, 0, sizeof hyphens);
	if (hnj_hyphen_hyphenate3(dict, (const char *)lat, (int)nch, hyphens, NULL,
	    &rep, &pos, &cut, LEFT_MIN, RIGHT_MIN, LEFT_MIN, RIGHT_MIN) != 0) {
		hyphens[0] = '\0';
		memset(hyphens, '0', nch);
	}
	for (size_t i = 0; i < nch; i++) {
		buf_append(out, s + off[i], off[i + 1] - off[i]);
		int ok = (hyphens[i] & 1) && i + 1 >= LEFT_MIN && nch - (i + 1) >= RIGHT_MIN &&
		    !(rep && rep[i]); /* non-standard breaks (spelling changes) are skipped */
		if (ok && i + 1 < nch)
			buf_append(out, "\xC2\xAD", 2);
	}
	if (rep) {
		for (size_t i = 0; i < nch; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return;
plain:
	buf_append(out, s, n);
}

static int
is_letter_at(const char *p, const char *end)
{
	gunichar c = g_utf8_get_char_validated(p, end - p);
	return c != (gunichar)-1 && c != (gunichar)-2 && g_unichar_isalpha(c);
}

void
hyph_append_word(buf *out, const char *s, size_t n)
{
	if (n >= LEFT_MIN + RIGHT_MIN && !tried)
		hyph_init(); /* loading the patterns costs ~40 M instructions: only when needed */
	if (!dict || n < LEFT_MIN + RIGHT_MIN) {
		buf_append(out, s, n);
		return;
	}
	/* never: e-mail, URLs, IBANs, numbers, codes */
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if ((c >= '0' && c <= '9') || c == '@' || c == '/' || c == ':' || c == '_' ||
		    c == '\\' || c == '=' || c == '&' || c == '#' || c == '%' || c == '+' ||
		    c == '~' || c == '<' || c == '>' || c == '|' || c == '*') {
			buf_append(out, s, n);
			return;
		}
		if (c == '.' && i + 1 < n && is_letter_at(s + i + 1, s + n)) {
			buf_append(out, s, n); /* www.example.nl, a.b.c */
			return;
		}
	}
	/* leading and trailing punctuation stay as they are */
	const char *b = s, *e = s + n;
	while (b < e && !is_letter_at(b, e))
		b = g_utf8_next_char(b);
	const char *t = e;
	while (t > b) {
		const char *prev = g_utf8_find_prev_char(b, t);
		if (!prev)
			prev = b;
		if (is_letter_at(prev, e))
			break;
		t = prev;
	}
	buf_append(out, s, (size_t)(b - s));
	/* parts of a hyphenated compound */
	const char *p = b;
	while (p < t) {
		const char *q = memchr(p, '-', (size_t)(t - p));
		if (!q)
			q = t;
		append_part(out, p, (size_t)(q - p));
		if (q < t)
			buf_putc(out, '-');
		p = q + (q < t);
	}
	buf_append(out, t, (size_t)(e - t));
}

char *
hyph_debug(const char *word)
{
	hyph_init();
	buf b = BUF_INIT;
	hyph_append_word(&b, word, strlen(word));
	buf o = BUF_INIT;
	for (size_t i = 0; i < b.len; i++) {
		if ((unsigned char)b.s[i] == 0xC2 && i + 1 < b.len && (unsigned char)b.s[i + 1] == 0xAD) {
			buf_putc(&o, '-');
			i++;
		} else {
			buf_putc(&o, b.s[i]);
		}
	}
	buf_free(&b);
	return buf_detach(&o);
}
