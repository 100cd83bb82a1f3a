/* validate — checks of single values in a practice file: IBAN (mod 97),
 * BIC, KvK and AGB numbers, Dutch postcodes, e-mail addresses, dates,
 * colours, web addresses, prestatiecodes, VAT numbers, cookie lifetimes
 * and invoice number patterns.
 *
 * Each returns NULL when the value is well-formed, else a static reason
 * ("check digits do not match") that never quotes the value, so it can go
 * into an error message. */
#ifndef ZORGDOC_PRACTICE_VALIDATE_H
#define ZORGDOC_PRACTICE_VALIDATE_H

/* IBAN, spaces allowed between groups; a Dutch one must be 18 characters. */
const char *validate_iban(const char *s);
/* BIC: 8 or 11 characters (bank, country, location, branch). */
const char *validate_bic(const char *s);
/* KvK number: exactly 8 digits. */
const char *validate_kvk(const char *s);
/* AGB code: exactly 8 digits. */
const char *validate_agb(const char *s);
/* Dutch postcode: "1234 AB" or "1234AB", no leading zero, not SA/SD/SS. */
const char *validate_postcode_nl(const char *s);
/* E-mail address: local@domain.tld, plain ASCII. */
const char *validate_email(const char *s);
/* Calendar date YYYY-MM-DD that exists (leap years), years 1900-2199. */
const char *validate_date(const char *s);
/* Colour "#rrggbb". */
const char *validate_colour(const char *s);
/* Web address starting with http:// or https:// and a host name. */
const char *validate_url(const char *s);
/* Prestatiecode: 5 digits. */
const char *validate_prestatiecode(const char *s);
/* Dutch VAT number NL000000000B00 (other countries: 2 letters + 2-13 alnum). */
const char *validate_vat_number(const char *s);
/* Cookie lifetime: "session" or ISO 8601 PnY, PnM, PnW, PnD, PTnH, PTnM. */
const char *validate_lifetime(const char *s);
/* Invoice number pattern: text with {year}, {seq} or {seq:0N} (N 1-9);
 * {seq...} exactly once and {year} at least once (numbers restart every
 * year, as the store counts them). */
const char *validate_number_pattern(const char *s);
/* Whole number in [min, max] written in plain digits; *out gets it. */
const char *validate_uint(const char *s, long long min, long long max, long long *out);

#endif
