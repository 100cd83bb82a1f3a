/* epcqr — the EPC payment QR code of a zorgnota: the text a banking app
 * reads to fill in a SEPA credit transfer (European Payments Council,
 * EPC069-12 "Quick Response Code: guidelines to enable data capture for
 * the initiation of a SEPA credit transfer", version 002).
 *
 * In: the payment's fields, or an invoice snapshot (urn:zorgdoc:invoice:1)
 * from which they are taken — nothing else, so that re-rendering an old
 * invoice gives the same code. Out: the payload, an owned string, which
 * the zorgnota template puts into the document's <qr data="...">; the
 * layout engine encodes it (libqrencode, byte mode, level M).
 *
 * The payload is twelve lines at most, separated by a line feed, with no
 * separator after the last one that is filled in:
 *   BCD / 002 / 1 (UTF-8) / SCT / BIC (may be empty) / beneficiary name
 *   (at most 70 characters) / IBAN / amount "EUR12.34" (empty when there
 *   is nothing to pay) / purpose (empty) / structured remittance (empty) /
 *   unstructured remittance (the invoice number, at most 140 characters)
 * and at most 331 bytes in all. */
#ifndef ZORGDOC_CMD_EPCQR_H
#define ZORGDOC_CMD_EPCQR_H

#include <stdint.h>

#include <libxml/tree.h>

#define EPC_MAX_BYTES 331
#define EPC_NAME_MAX 70         /* characters */
#define EPC_REMITTANCE_MAX 140  /* characters */
#define EPC_MAX_CENTS 99999999999LL  /* EUR 999999999.99 */

typedef struct {
	const char *bic;         /* NULL or "": left empty (allowed in 002) */
	const char *name;        /* the beneficiary: the account holder */
	const char *iban;        /* spaces are dropped */
	int64_t amount_cents;    /* <= 0: no amount (the field stays empty) */
	const char *remittance;  /* unstructured remittance: the invoice number */
} epc_fields;

/* Builds the payload. The name is cleaned (control characters and runs
 * of white space become one space) and cut to 70 characters, never
 * inside a UTF-8 sequence, and shorter still if the whole would pass 331
 * bytes. Returns an owned string (free()), or NULL with a static message
 * in *err naming the field that cannot be encoded (never its value). */
char *epc_payload(const epc_fields *f, const char **err);

/* Whether the snapshot asks for the code: practice/presentation
 * @payment-qr="epc" (the practice's setting when the invoice was issued). */
int epc_snapshot_wants(xmlDocPtr snapshot);

/* The payload for an invoice snapshot: account holder (else the practice
 * name), IBAN, BIC, the total and the invoice number. Returns an owned
 * string; NULL with *err NULL when there is nothing to pay (a credit note,
 * a total of zero or less: no code at all); NULL with *err set when the
 * snapshot cannot give a valid code. */
char *epc_payload_from_snapshot(xmlDocPtr snapshot, const char **err);

#endif
