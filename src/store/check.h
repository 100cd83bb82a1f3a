/* check — strict parsing of the values the store keeps: ISO dates and
 * months, money in cents, the BSN 11-test, plain text. Used by the store
 * itself and by the commands that read the command line and CSV files.
 * Nothing here allocates except where said. */
#ifndef ZORGDOC_STORE_CHECK_H
#define ZORGDOC_STORE_CHECK_H

#include <stddef.h>
#include <stdint.h>

/* Largest amount of one line: EUR 100,000.00. */
#define CHECK_MAX_CENTS 10000000LL
/* Longest text field, in bytes. */
#define CHECK_MAX_TEXT 500

/* 1 if s is a real calendar date YYYY-MM-DD between 1900 and 2199. */
int check_date(const char *s);
/* 1 if s is a month YYYY-MM between 1900 and 2199. */
int check_period(const char *s);
/* Days since 1970-01-01 of a valid date (see check_date). */
int64_t check_date_days(const char *s);
/* Writes days-since-epoch as YYYY-MM-DD into out[11]. */
void check_days_date(int64_t days, char out[11]);
/* Today's date into out[11]: $SOURCE_DATE_EPOCH when set (UTC), else
 * the local date. */
void check_today(char out[11]);

/* Parses an amount strictly: "85", "85,00", "85.00" (two decimals when a
 * separator is given; no sign, thousands separators or currency). 0 and
 * *cents set, or -1. max bounds the result. */
int check_amount(const char *s, int64_t max, int64_t *cents);
/* Formats cents as "85.00" / "-85.00" into out[32]. */
void check_format_cents(int64_t cents, char out[32]);

/* 1 if s is a BSN: 9 digits passing the 11-test (not all zeros). */
int check_bsn(const char *s);

/* 1 if s is an IBAN (spaces allowed) whose check digits are right. */
int check_iban(const char *s);
/* 1 if s is exactly n digits. */
int check_digits(const char *s, size_t n);

/* NULL if s is acceptable text (valid UTF-8, no control characters,
 * at most max bytes, not only spaces), else a static message. */
const char *check_text(const char *s, size_t max);

/* Like check_text, but newlines and tabs are allowed (notes). */
const char *check_text_ml(const char *s, size_t max);

/* Parses a positive decimal id; 0 and *id set, or -1. */
int check_id(const char *s, int64_t *id);

#endif
