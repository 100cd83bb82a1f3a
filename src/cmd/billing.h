/* billing — the one place where the invoicing commands read the practice
 * model: identity, association, AGB/KvK/IBAN, the number pattern and
 * payment term, which client fields the zorgnota shows, and the tariffs.
 * It turns them into the store's plain view (store_practice, store_tariff)
 * so that src/store never depends on the practice module.
 *
 * In: the practice file (--practice FILE or $ZORGDOC_PRACTICE).
 * Out: an owned billing object; every pointer it hands out is borrowed
 * and lives as long as it does. */
#ifndef ZORGDOC_CMD_BILLING_H
#define ZORGDOC_CMD_BILLING_H

#include <stddef.h>

#include "../base/diag.h"
#include "../practice/practice.h"
#include "../store/store.h"

typedef struct billing billing;

/* Loads the practice file at path. NULL with errors in d. */
billing *billing_load(const char *path, diag *d);
/* NULL-safe. */
void billing_free(billing *b);
/* Freezes the practice's branding/logo for the invoices about to be
 * issued: a small JPEG at its printed size, kept in b (base64) and put in
 * every snapshot. Returns 0 (also without a logo), or -1 with an error
 * saying the logo file cannot be used (then nothing may be issued). */
int billing_freeze_logo(billing *b, diag *d);
/* The practice model itself (borrowed; for templates). */
const practice *billing_model(const billing *b);
/* What invoices need of the practice (borrowed). */
const store_practice *billing_practice(const billing *b);
/* The tariff with this id (borrowed), or NULL. */
const store_tariff *billing_tariff(const billing *b, const char *id);
/* The number of tariffs and the i-th (borrowed). */
size_t billing_tariff_count(const billing *b);
const store_tariff *billing_tariff_at(const billing *b, size_t i);

#endif
