/* check — strict parsing of dates, months, amounts, BSN and text (see
 * check.h). Everything is locale-independent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

static int
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
check_period(const char *s)
{
	if (!s || strlen(s) != 7 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2))
		return 0;
	int y = num(s, 4), m = num(s + 5, 2);
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12;
}

int
check_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (!s || strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2))
		return 0;
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t
check_date_days(const char *s)
{
	int64_t y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
check_days_date(int64_t z, char out[11])
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (int)(y % 10000), (int)m % 100, (int)d % 100);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

void
check_today(char out[11])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		long long t = strtoll(sde, &end, 10);
		if (*end == '\0' && t >= 0) {
			check_days_date(t / 86400, out);
			return;
		}
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000,
	    (tm.tm_mon + 1) % 100, tm.tm_mday % 100);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

int
check_amount(const char *s, int64_t max, int64_t *cents)
{
	if (!s || !*s)
		return -1;
	int64_t euros = 0;
	size_t i = 0;
	while (s[i] >= '0' && s[i] <= '9') {
		if (i >= 9)
			return -1;
		euros = euros * 10 + (s[i] - '0');
		i++;
	}
	if (i == 0)
		return -1;
	int64_t c = 0;
	if (s[i] == ',' || s[i] == '.') {
		if (!digits(s + i + 1, 2) || s[i + 3] != '\0')
			return -1;
		c = num(s + i + 1, 2);
	} else if (s[i] != '\0') {
		return -1;
	}
	int64_t v = euros * 100 + c;
	if (v > max)
		return -1;
	*cents = v;
	return 0;
}

void
check_format_cents(int64_t cents, char out[32])
{
	int neg = cents < 0;
	uint64_t a = neg ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	snprintf(out, 32, "%s%llu.%02llu", neg ? "-" : "", (unsigned long long)(a / 100),
	    (unsigned long long)(a % 100));
}

int
check_bsn(const char *s)
{
	if (!s || strlen(s) != 9 || !digits(s, 9))
		return 0;
	int sum = 0, any = 0;
	for (int i = 0; i < 8; i++) {
		sum += (9 - i) * (s[i] - '0');
		any |= s[i] != '0';
	}
	sum -= s[8] - '0';
	return any && sum % 11 == 0;
}

static const char *text_check(const char *s, size_t max, int ml);

const char *
check_text(const char *s, size_t max)
{
	return text_check(s, max, 0);
}

const char *
check_text_ml(const char *s, size_t max)
{
	return text_check(s, max, 1);
}

static const char *
text_check(const char *s, size_t max, int ml)
{
	if (!s)
		return "is missing";
	size_t n = strlen(s);
	if (n > max)
		return "is too long";
	int visible = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int len;
		unsigned cp;
		if (c < 0x80) {
			if ((c < 0x20 && !(ml && (c == '\n' || c == '\t' || c == '\r'))) || c == 0x7f)
				return "contains a control character";
			if (c > ' ')
				visible = 1;
			p++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			len = 2;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			len = 4;
			cp = c & 0x07;
		} else {
			return "is not valid UTF-8";
		}
		for (int i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return "is not valid UTF-8";
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return "is not valid UTF-8";
		if ((cp >= 0x80 && cp <= 0x9f) || cp == 0xfffe || cp == 0xffff)
			return "contains a control character";
		visible = 1;
		p += len;
	}
	if (!visible)
		return "is empty";
	return NULL;
}

int
check_id(const char *s, int64_t *id)
{
	if (!s || !*s || strlen(s) > 15)
		return -1;
	int64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (v <= 0)
		return -1;
	*id = v;
	return 0;
}

int
check_digits(const char *s, size_t n)
{
	return s && strlen(s) == n && strspn(s, "0123456789") == n;
}

int
check_iban(const char *s)
{
	char c[40];
	size_t n = 0;
	if (!s)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ')
			continue;
		if (n == sizeof c - 1)
			return 0;
		char ch = *p;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
			return 0;
		c[n++] = ch;
	}
	if (n < 15 || n > 34 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' ||
	    c[2] < '0' || c[2] > '9' || c[3] < '0' || c[3] > '9')
		return 0;
	/* Move the first four characters to the end, letters as 10..35,
	 * and take the remainder mod 97 digit by digit. */
	unsigned rem = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = c[(i + 4) % n];
		if (ch >= 'A' && ch <= 'Z')
			rem = (rem * 100 + (unsigned)(ch - 'A' + 10)) % 97;
		else
			rem = (rem * 10 + (unsigned)(ch - '0')) % 97;
	}
	return rem == 1;
}
