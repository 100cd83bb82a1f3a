/* hyph — see hyph.h. Soft hyphens from libhyphen patterns and an
 * exception list; zero-width breaks in e-mail addresses and URLs. */
#include "hyph.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <hyphen.h>

#include "../base/diag.h"
#include "../base/fsio.h"
#include "../base/paths.h"

#define HYPH_DICT "/usr/share/hyphen/hyph_nl_NL.dic"
#define LEFT_MIN 2
#define RIGHT_MIN 3
#define MAX_WORD 128

#define EXCEPTIONS "locales/hyphenation-nl.txt"
#define EXCEPTIONS_MAX (1u << 20)

static HyphenDict *dict;
static int tried;
/* the exception list: the word in lower case, ISO-8859-1 (as the patterns
 * see it) -> its breaks, one '0'/'1' per letter ('1': a break after it);
 * both owned */
static GHashTable *exceptions;

/* Adds one line of the exception list ("ge-ano-ni-mi-seer-de"; a word
 * without '-' never breaks). Words the patterns cannot spell are
 * skipped. */
static void
exception_add(const char *s, size_t n)
{
	char key[MAX_WORD + 1], brk[MAX_WORD + 1];
	size_t nch = 0;
	const char *p = s, *end = s + n;
	while (p < end) {
		gunichar c = g_utf8_get_char_validated(p, end - p);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			return;
		p = g_utf8_next_char(p);
		if (c == '-') {
			if (nch == 0)
				return;
			brk[nch - 1] = '1';
			continue;
		}
		gunichar l = g_unichar_tolower(c);
		if (!g_unichar_isalpha(c) || l > 0xFF || nch >= MAX_WORD)
			return;
		key[nch] = (char)l;
		brk[nch++] = '0';
	}
	if (nch == 0)
		return;
	key[nch] = brk[nch] = '\0';
	g_hash_table_replace(exceptions, xstrdup(key), xstrdup(brk));
}

static void
exceptions_load(void)
{
	exceptions = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
	char *path = paths_data_file(EXCEPTIONS);
	char *data = NULL;
	size_t len = 0;
	diag d = DIAG_INIT;
	/* without the list the patterns alone decide */
	if (path && fsio_read_file(path, EXCEPTIONS_MAX, &data, &len, &d) == 0) {
		for (size_t i = 0; i < len;) {
			size_t e = i;
			while (e < len && data[e] != '\n')
				e++;
			size_t b = i, t = e;
			while (b < t && (data[b] == ' ' || data[b] == '\t'))
				b++;
			const char *hash = memchr(data + b, '#', t - b);
			if (hash)
				t = (size_t)(hash - data);
			while (t > b && (data[t - 1] == ' ' || data[t - 1] == '\t' || data[t - 1] == '\r'))
				t--;
			if (t > b)
				exception_add(data + b, t - b);
			i = e + 1;
		}
	}
	diag_free(&d);
	free(data);
	free(path);
}

int
hyph_init(void)
{
	if (!tried) {
		tried = 1;
		dict = hnj_hyphen_load(HYPH_DICT);
		exceptions_load();
	}
	return dict ? 0 : -1;
}

void
hyph_cleanup(void)
{
	if (dict)
		hnj_hyphen_free(dict);
	dict = NULL;
	if (exceptions)
		g_hash_table_destroy(exceptions);
	exceptions = NULL;
	tried = 0;
}

/* Hyphenates one part (letters only, checked here) and appends it.
 * Returns the number of soft hyphens inserted. */
static int
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
	int count = 0;
	memset(hyphens, 0, sizeof hyphens);
	const char *exc = exceptions ? g_hash_table_lookup(exceptions, lat) : NULL;
	if (exc) {
		for (size_t i = 0; i < nch; i++)
			hyphens[i] = exc[i] == '1' ? '1' : '0';
	} else if (hnj_hyphen_hyphenate3(dict, (const char *)lat, (int)nch, hyphens, NULL,
	    &rep, &pos, &cut, LEFT_MIN, RIGHT_MIN, LEFT_MIN, RIGHT_MIN) != 0) {
		hyphens[0] = '\0';
		memset(hyphens, '0', nch);
	}
	for (size_t i = 0; i < nch; i++) {
		buf_append(out, s + off[i], off[i + 1] - off[i]);
		int ok = (hyphens[i] & 1) && i + 1 >= LEFT_MIN && nch - (i + 1) >= RIGHT_MIN &&
		    !(rep && rep[i]); /* non-standard breaks (spelling changes) are skipped */
		if (ok && i + 1 < nch) {
			buf_append(out, HYPH_SOFT, 2);
			count++;
		}
	}
	if (rep) {
		for (size_t i = 0; i < nch; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return count;
plain:
	buf_append(out, s, n);
	return 0;
}

static int
is_letter_at(const char *p, const char *end)
{
	gunichar c = g_utf8_get_char_validated(p, end - p);
	return c != (gunichar)-1 && c != (gunichar)-2 && g_unichar_isalpha(c);
}

int
hyph_append_word(buf *out, const char *s, size_t n)
{
	if (n >= LEFT_MIN + RIGHT_MIN && !tried)
		hyph_init(); /* loading the patterns costs ~40 M instructions: only when needed */
	if (!dict || n < LEFT_MIN + RIGHT_MIN) {
		buf_append(out, s, n);
		return 0;
	}
	/* never: e-mail, URLs, IBANs, numbers, codes */
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if ((c >= '0' && c <= '9') || c == '@' || c == '/' || c == ':' || c == '_' ||
		    c == '\\' || c == '=' || c == '&' || c == '#' || c == '%' || c == '+' ||
		    c == '~' || c == '<' || c == '>' || c == '|' || c == '*') {
			buf_append(out, s, n);
			return 0;
		}
		if (c == '.' && i + 1 < n && is_letter_at(s + i + 1, s + n)) {
			buf_append(out, s, n); /* www.example.nl, a.b.c */
			return 0;
		}
		if ((unsigned char)c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xAD) {
			buf_append(out, s, n); /* the author's own soft hyphens decide */
			return 0;
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
	int count = 0;
	while (p < t) {
		const char *q = memchr(p, '-', (size_t)(t - p));
		if (!q)
			q = t;
		count += append_part(out, p, (size_t)(q - p));
		if (q < t)
			buf_putc(out, '-');
		p = q + (q < t);
	}
	buf_append(out, t, (size_t)(e - t));
	return count;
}

static int
has_prefix_ci(const char *s, size_t n, const char *pre)
{
	size_t l = strlen(pre);
	return n >= l && g_ascii_strncasecmp(s, pre, l) == 0;
}

static int
alnum_at(const char *s, size_t i, size_t n)
{
	return i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= '0' && s[i] <= '9') || (unsigned char)s[i] >= 0x80);
}

int
hyph_is_address(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	if (at && memchr(at, '.', n - (size_t)(at - s)))
		return 1;
	for (size_t i = 0; i + 3 <= n; i++)
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return 1;
	if (has_prefix_ci(s, n, "www."))
		return 1;
	for (size_t i = 1; i + 1 < n; i++)
		if (s[i] == '_' && alnum_at(s, i - 1, n) && alnum_at(s, i + 1, n))
			return 1;
	return 0;
}

/* Is s[i] the '.' of a "www." that starts the token or follows "//"? A
 * line never ends in "www.": the host name keeps it. */
static int
www_at(const char *s, size_t i)
{
	if (i < 3 || g_ascii_strncasecmp(s + i - 3, "www", 3) != 0)
		return 0;
	return i == 3 || (i >= 5 && s[i - 4] == '/' && s[i - 5] == '/');
}

void
hyph_append_address(buf *out, const char *s, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i + 3 < n; i++) { /* 3 characters at least after a break */
		int brk = (s[i] == '@' && alnum_at(s, i + 1, n)) ||
		    (s[i] == '/' && s[i + 1] != '/' && alnum_at(s, i + 1, n)) ||
		    (s[i] == '.' && i > 0 && alnum_at(s, i + 1, n) && !www_at(s, i)) ||
		    (s[i] == '_' && i > 0 && alnum_at(s, i - 1, n) && alnum_at(s, i + 1, n));
		if (brk) {
			buf_append(out, s + from, i + 1 - from);
			buf_append(out, HYPH_ZWSP, 3);
			from = i + 1;
		} else if (s[i] == '-' && i > 0) {
			/* no break at an address's own hyphen: "privacy-" at a
			 * line end would read as a hyphenated word */
			buf_append(out, s + from, i + 1 - from);
			buf_append(out, HYPH_WJ, 3);
			from = i + 1;
		}
	}
	buf_append(out, s + from, n - from);
}

char *
hyph_debug_token(const char *word, int hyphenate)
{
	hyph_init();
	buf b = BUF_INIT;
	size_t n = strlen(word);
	if (hyph_is_address(word, n))
		hyph_append_address(&b, word, n);
	else if (hyphenate)
		hyph_append_word(&b, word, n);
	else
		buf_append(&b, word, n);
	buf o = BUF_INIT;
	for (size_t i = 0; i < b.len; i++) {
		if ((unsigned char)b.s[i] == 0xC2 && i + 1 < b.len && (unsigned char)b.s[i + 1] == 0xAD) {
			buf_putc(&o, '-');
			i++;
		} else if (i + 2 < b.len && memcmp(b.s + i, HYPH_ZWSP, 3) == 0) {
			buf_putc(&o, '|');
			i += 2;
		} else {
			buf_putc(&o, b.s[i]);
		}
	}
	buf_free(&b);
	return buf_detach(&o);
}

char *
hyph_debug(const char *word)
{
	return hyph_debug_token(word, 1);
}
