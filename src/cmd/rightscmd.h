/* rightscmd — what the rights commands (retention, audit, breach, client
 * export/forget) share: the retention terms from the practice file, the
 * --within and --date values, and a confirmation prompt. */
#ifndef ZORGDOC_CMD_RIGHTSCMD_H
#define ZORGDOC_CMD_RIGHTSCMD_H

#include "../base/diag.h"
#include "../store/rights.h"

/* Fills p with the legal terms, lengthened by the retention rules of the
 * practice file at path (--practice; NULL: $ZORGDOC_PRACTICE; neither:
 * the legal terms alone). Returns 0, or -1 with errors in d. */
int cmd_retention_policy(const char *path, store_retention_policy *p, diag *d);
/* "--date": a real date YYYY-MM-DD into out[11], or today (NULL value).
 * Returns 0 or -1 with an error naming the option. */
int cmd_date_opt(const char *opt, const char *value, char out[11], diag *d);
/* Adds a window ("1y", "6m", "90d") to date into out[11]. Returns 0 or
 * -1 with an error naming the option. */
int cmd_window(const char *opt, const char *value, const char *date, char out[11], diag *d);
/* Asks on stderr for the word `word` and reads a line from stdin.
 * Returns 1 when it was typed, 0 otherwise. */
int cmd_confirm(const char *question, const char *word);

#endif
