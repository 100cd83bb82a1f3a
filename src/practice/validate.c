/* validate — see validate.h. Pure functions on NUL-terminated strings;
 * no allocation. */
#include "validate.h"

#include <string.h>

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_alnum(int c) { return is_digit(c) || is_upper(c) || is_lower(c); }

static int
all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_digit((unsigned char)s[i]))
			return 0;
	return 1;
}

const char *
validate_iban(const char *s)
{
	char c[40];
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ')
			continue;
		if (!is_upper((unsigned char)*p) && !is_digit((unsigned char)*p))
			return "an IBAN has only capital letters, digits and spaces";
		if (n >= 34)
			return "an IBAN has at most 34 characters";
		c[n++] = *p;
	}
	c[n] = '\0';
	if (n < 15)
		return "an IBAN has at least 15 characters";
	if (!is_upper((unsigned char)c[0]) || !is_upper((unsigned char)c[1]) ||
	    !is_digit((unsigned char)c[2]) || !is_digit((unsigned char)c[3]))
		return "an IBAN starts with a country code and two check digits";
	if (c[0] == 'N' && c[1] == 'L') {
		if (n != 18)
			return "a Dutch IBAN has 18 characters";
		for (int i = 4; i < 8; i++)
			if (!is_upper((unsigned char)c[i]))
				return "a Dutch IBAN has a four-letter bank code";
		for (int i = 8; i < 18; i++)
			if (!is_digit((unsigned char)c[i]))
				return "a Dutch IBAN ends in a ten-digit account number";
	}
	/* mod 97 of the rearranged number, letters as 10..35 */
	unsigned rem = 0;
	for (size_t k = 0; k < n; k++) {
		char ch = c[(k + 4) % n];
		if (is_digit((unsigned char)ch))
			rem = (rem * 10 + (unsigned)(ch - '0')) % 97;
		else
			rem = (rem * 100 + (unsigned)(ch - 'A' + 10)) % 97;
	}
	if (rem != 1)
		return "not a valid IBAN (the check digits do not match)";
	return NULL;
}

const char *
validate_bic(const char *s)
{
	size_t n = strlen(s);
	if (n != 8 && n != 11)
		return "a BIC has 8 or 11 characters";
	for (int i = 0; i < 6; i++)
		if (!is_upper((unsigned char)s[i]))
			return "a BIC starts with a four-letter bank code and a country code";
	for (size_t i = 6; i < n; i++)
		if (!is_upper((unsigned char)s[i]) && !is_digit((unsigned char)s[i]))
			return "a BIC has only capital letters and digits";
	return NULL;
}

const char *
validate_kvk(const char *s)
{
	return all_digits(s, 8) ? NULL : "a KvK number has exactly 8 digits";
}

const char *
validate_agb(const char *s)
{
	return all_digits(s, 8) ? NULL : "an AGB code has exactly 8 digits";
}

const char *
validate_postcode_nl(const char *s)
{
	const char *bad = "a Dutch postcode is four digits and two capital letters, like 1234 AB";
	size_t n = strlen(s);
	if (n != 6 && n != 7)
		return bad;
	for (int i = 0; i < 4; i++)
		if (!is_digit((unsigned char)s[i]))
			return bad;
	if (s[0] == '0')
		return "a Dutch postcode does not start with 0";
	const char *l = s + 4;
	if (n == 7) {
		if (*l != ' ')
			return bad;
		l++;
	}
	if (!is_upper((unsigned char)l[0]) || !is_upper((unsigned char)l[1]))
		return bad;
	if (l[0] == 'S' && (l[1] == 'A' || l[1] == 'D' || l[1] == 'S'))
		return "the letters SA, SD and SS are not used in Dutch postcodes";
	return NULL;
}

const char *
validate_email(const char *s)
{
	const char *bad = "not a well-formed e-mail address";
	const char *at = strchr(s, '@');
	if (!at || strchr(at + 1, '@'))
		return "an e-mail address has exactly one @";
	size_t local = (size_t)(at - s);
	if (local == 0 || local > 64 || strlen(s) > 254)
		return bad;
	static const char atext[] = "!#$%&'*+/=?^_`{|}~-";
	for (size_t i = 0; i < local; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.') {
			if (i == 0 || i == local - 1 || s[i + 1] == '.')
				return bad;
		} else if (!is_alnum(c) && !strchr(atext, c)) {
			return bad;
		}
	}
	const char *dom = at + 1;
	int labels = 0;
	const char *label = dom;
	for (const char *p = dom;; p++) {
		if (*p == '.' || *p == '\0') {
			size_t len = (size_t)(p - label);
			if (len == 0 || len > 63 || label[0] == '-' || p[-1] == '-')
				return "the domain of the e-mail address is not well-formed";
			labels++;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!is_alnum((unsigned char)*p) && *p != '-') {
			return "the domain of the e-mail address is not well-formed";
		}
	}
	if (labels < 2)
		return "the domain of the e-mail address has no top-level domain";
	size_t tl = strlen(label);
	for (size_t i = 0; i < tl; i++)
		if (is_digit((unsigned char)label[i]) || label[i] == '-')
			return "the domain of the e-mail address has no top-level domain";
	if (tl < 2)
		return "the domain of the e-mail address has no top-level domain";
	return NULL;
}

const char *
validate_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return "a date is written YYYY-MM-DD";
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit((unsigned char)s[i]))
			return "a date is written YYYY-MM-DD";
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2199)
		return "the year is out of range (1900-2199)";
	if (m < 1 || m > 12)
		return "no such month";
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int max = mdays[m - 1] + (m == 2 && leap);
	if (d < 1 || d > max)
		return "no such day in that month";
	return NULL;
}

const char *
validate_colour(const char *s)
{
	if (strlen(s) != 7 || s[0] != '#')
		return "a colour is written #rrggbb";
	for (int i = 1; i < 7; i++) {
		char c = s[i];
		if (!is_digit((unsigned char)c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F'))
			return "a colour is written #rrggbb";
	}
	return NULL;
}

const char *
validate_url(const char *s)
{
	const char *h;
	if (strncmp(s, "https://", 8) == 0)
		h = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		h = s + 7;
	else
		return "a web address starts with https://";
	size_t n = strcspn(h, "/?#");
	if (n == 0)
		return "the web address has no host name";
	int dot = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)h[i];
		if (c == '.')
			dot = 1;
		else if (!is_alnum(c) && c != '-' && c != ':')
			return "the host name of the web address is not well-formed";
	}
	if (!dot)
		return "the host name of the web address is not well-formed";
	for (const char *p = h + n; *p; p++)
		if ((unsigned char)*p <= ' ')
			return "a web address has no spaces";
	return NULL;
}

const char *
validate_prestatiecode(const char *s)
{
	return all_digits(s, 5) ? NULL : "a prestatiecode has 5 digits";
}

const char *
validate_vat_number(const char *s)
{
	size_t n = strlen(s);
	if (n >= 2 && s[0] == 'N' && s[1] == 'L') {
		if (n != 14 || s[11] != 'B')
			return "a Dutch VAT number is written NL000000000B00";
		for (int i = 2; i < 14; i++)
			if (i != 11 && !is_digit((unsigned char)s[i]))
				return "a Dutch VAT number is written NL000000000B00";
		return NULL;
	}
	if (n < 4 || n > 15 || !is_upper((unsigned char)s[0]) || !is_upper((unsigned char)s[1]))
		return "a VAT number starts with a two-letter country code";
	for (size_t i = 2; i < n; i++)
		if (!is_upper((unsigned char)s[i]) && !is_digit((unsigned char)s[i]))
			return "a VAT number has only capital letters and digits";
	return NULL;
}

const char *
validate_lifetime(const char *s)
{
	/* ISO 8601: P[nY][nM][nW][nD][T[nH][nM][nS]], at least one part, in
	 * that order (P1Y6M, P14D, PT30S, PT30000000S) */
	const char *bad = "a lifetime is \"session\" or an ISO 8601 duration like P2Y, P1Y6M, "
	    "P30D, PT24H or PT30S";
	if (strcmp(s, "session") == 0)
		return NULL;
	if (s[0] != 'P')
		return bad;
	const char *p = s + 1;
	const char *date_units = "YMWD", *time_units = "HMS";
	const char *units = date_units;
	int parts = 0, time = 0;
	while (*p) {
		if (*p == 'T' && !time) {
			time = 1;
			units = time_units;
			p++;
			if (!*p)
				return bad; /* "PT" alone */
			continue;
		}
		size_t digits = 0;
		while (is_digit((unsigned char)*p)) {
			p++;
			digits++;
		}
		if (digits == 0 || digits > 10 || !*p)
			return bad;
		const char *u = strchr(units, *p);
		if (!u)
			return bad;
		units = u + 1; /* the next part names a smaller unit */
		parts++;
		p++;
	}
	return parts > 0 ? NULL : bad;
}

const char *
validate_number_pattern(const char *s)
{
	int seqs = 0, years = 0;
	size_t lit = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '}')
			return "a '}' without '{' in the number pattern";
		if (*p != '{') {
			/* numbers name files (DIR/NUMBER.pdf): no '/', and no
			 * leading '.' (a hidden file, or "..") */
			if (!is_alnum((unsigned char)*p) && !strchr("-_.", *p))
				return "a number pattern has only letters, digits, - _ . and {placeholders}";
			if (p == s && *p == '.')
				return "a number pattern cannot start with '.'";
			lit++;
			continue;
		}
		const char *e = strchr(p, '}');
		if (!e)
			return "a '{' without '}' in the number pattern";
		size_t n = (size_t)(e - p - 1);
		const char *in = p + 1;
		if (n == 4 && strncmp(in, "year", 4) == 0) {
			years++;
		} else if (n == 3 && strncmp(in, "seq", 3) == 0) {
			seqs++;
		} else if (n == 6 && strncmp(in, "seq:0", 5) == 0 && in[5] >= '1' && in[5] <= '9') {
			seqs++;
		} else {
			return "unknown placeholder in the number pattern (use {year}, {seq} or {seq:04})";
		}
		p = e;
	}
	if (seqs != 1)
		return "a number pattern needs exactly one {seq} or {seq:0N}";
	if (years == 0)
		return "a number pattern needs {year}: invoice numbers restart every year";
	if (lit > 20)
		return "the number pattern is too long";
	return NULL;
}

const char *
validate_uint(const char *s, long long min, long long max, long long *out)
{
	long long v = 0;
	if (!*s)
		return "a whole number is expected";
	for (const char *p = s; *p; p++) {
		if (!is_digit((unsigned char)*p))
			return "a whole number is expected (digits only)";
		if (v > (max - (*p - '0')) / 10)
			return "the number is out of range";
		v = v * 10 + (*p - '0');
	}
	if (v < min || v > max)
		return "the number is out of range";
	if (out)
		*out = v;
	return NULL;
}
