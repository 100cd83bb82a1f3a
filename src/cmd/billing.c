/* billing — reads what invoicing needs from the practice model (see
 * billing.h) through practice_load(), which validates the file against
 * schema/practice.rng and checks KvK, AGB, IBAN and the number pattern.
 * This is the only file of the store commands that knows the practice
 * module; src/store sees the plain store_practice view. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <sodium.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "../render/logoimg.h"
#include "../practice/practice.h"
#include "billing.h"

struct billing {
	practice *pr;
	store_practice p;
	store_tariff *tariffs;
	size_t ntariffs;
	char *lang;     /* practice/@lang, or NULL */
	char *logo_b64; /* the frozen logo (billing_freeze_logo), or NULL */
};

static int
is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	    strcmp((const char *)n->ns->href, PRACTICE_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Which client fields the zorgnota shows beyond name, address and birth
 * date: <zorgnota><field name="..."/>. Without <zorgnota>, insurer,
 * policy number and duration are shown and the BSN is not. */
static void
zorgnota_fields(billing *b)
{
	xmlNode *root = xmlDocGetRootElement(practice_doc(b->pr)), *nota = NULL;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
		if (is(c, "zorgnota"))
			nota = c;
	store_practice *p = &b->p;
	if (!nota) {
		p->show_insurer = p->show_policy_number = p->show_duration = 1;
		return;
	}
	for (xmlNode *f = nota->children; f; f = f->next) {
		if (!is(f, "field"))
			continue;
		xmlChar *name = xmlGetNoNsProp(f, (const xmlChar *)"name");
		if (!name)
			continue;
		const char *n = (const char *)name;
		if (strcmp(n, "client-bsn") == 0)
			p->show_bsn = 1;
		else if (strcmp(n, "insurer") == 0)
			p->show_insurer = 1;
		else if (strcmp(n, "policy-number") == 0)
			p->show_policy_number = 1;
		else if (strcmp(n, "treatment-duration") == 0)
			p->show_duration = 1;
		xmlFree(name);
	}
}

static store_vat
vat_of(practice_vat v)
{
	switch (v) {
	case PRACTICE_VAT_STANDARD:
		return STORE_VAT_STANDARD;
	case PRACTICE_VAT_KOR:
		return STORE_VAT_KOR;
	case PRACTICE_VAT_EXEMPT:
	case PRACTICE_VAT__MAX:
		break;
	}
	return STORE_VAT_EXEMPT;
}

billing *
billing_load(const char *path, diag *d)
{
	practice *pr = practice_load(path, d);
	if (!pr)
		return NULL;
	billing *b = xcalloc(1, sizeof *b);
	b->pr = pr;
	const practice_identity *id = practice_identity_get(pr);
	store_practice *p = &b->p;
	p->source = practice_path(pr);
	p->name = id->name;
	p->legal_form = id->legal_form;
	p->therapist = id->owner_name;
	p->street = id->street;
	p->postcode = id->postcode;
	p->city = id->city;
	p->country = id->country;
	p->email = id->email;
	p->phone = id->phone;
	p->website = id->website;
	p->kvk = id->kvk;
	p->agb_practice = id->agb_practice;
	p->agb_therapist = id->agb_therapist;
	p->association = id->association_name;
	p->membership = id->association_number;
	p->rbcz = id->register_number;
	p->iban = id->iban;
	p->bic = id->bic;
	p->vat_number = id->vat_number;
	p->account_holder = id->account_holder;
	p->colour = id->colour;
	p->font = id->font;
	const practice_policy *pol = practice_policy_get(pr);
	p->address_form = pol ? pol->address : NULL;
	xmlNode *root = xmlDocGetRootElement(practice_doc(pr));
	xmlChar *lang = root ? xmlGetNoNsProp(root, (const xmlChar *)"lang") : NULL;
	if (lang) {
		b->lang = xstrdup((const char *)lang);
		xmlFree(lang);
	}
	p->lang = b->lang;
	const practice_invoicing *inv = practice_invoicing_get(pr);
	if (inv) {
		p->number_pattern = inv->number_pattern;
		p->credit_pattern = inv->credit_pattern;
		p->payment_term_days = inv->payment_days;
		p->payment_qr = inv->payment_qr;
	}
	zorgnota_fields(b);
	b->ntariffs = practice_tariff_count(pr);
	b->tariffs = xcalloc(b->ntariffs ? b->ntariffs : 1, sizeof *b->tariffs);
	for (size_t i = 0; i < b->ntariffs; i++) {
		const practice_tariff *t = practice_tariff_at(pr, i);
		b->tariffs[i] = (store_tariff){ t->id, t->prestatiecode, t->description,
			t->amount_cents, vat_of(t->vat), t->minutes };
	}
	return b;
}

const practice *
billing_model(const billing *b)
{
	return b->pr;
}

void
billing_free(billing *b)
{
	if (!b)
		return;
	free(b->tariffs);
	free(b->lang);
	free(b->logo_b64);
	practice_free(b->pr);
	free(b);
}

const store_practice *
billing_practice(const billing *b)
{
	return &b->p;
}

const store_tariff *
billing_tariff(const billing *b, const char *id)
{
	for (size_t i = 0; i < b->ntariffs; i++)
		if (strcmp(b->tariffs[i].id, id) == 0)
			return &b->tariffs[i];
	return NULL;
}

size_t
billing_tariff_count(const billing *b)
{
	return b->ntariffs;
}

const store_tariff *
billing_tariff_at(const billing *b, size_t i)
{
	return i < b->ntariffs ? &b->tariffs[i] : NULL;
}

/* The letterhead's logo box (src/layout/letterhead.c: 48 x 20 mm) and the
 * resolution the frozen logo is made at. */
#define LOGO_BOX_W (48 * 72 / 25.4)
#define LOGO_BOX_H (20 * 72 / 25.4)
#define LOGO_DPI 200

int
billing_freeze_logo(billing *b, diag *d)
{
	const practice_identity *id = practice_identity_get(b->pr);
	const char *f = id ? id->logo_file : NULL;
	if (!f || !*f)
		return 0;
	const char *src = practice_path(b->pr);
	if (f[0] == '/' || strstr(f, "..") || strstr(f, "://") || strchr(f, '\\'))
		return diag_error(d, src, 0, 0, "branding/logo: give a file name relative to the "
		    "practice file (no '..', no URL); nothing was invoiced");
	const char *slash = src ? strrchr(src, '/') : NULL;
	char *path = slash ? xasprintf("%.*s/%s", (int)(slash - src), src, f) : xstrdup(f);
	char *data = NULL;
	size_t len = 0;
	diag local = DIAG_INIT;
	int rc = fsio_read_file(path, 4u * 1024u * 1024u, &data, &len, &local);
	diag_free(&local);
	free(path);
	if (rc != 0)
		return diag_error(d, src, 0, 0, "branding/logo: cannot read '%s' (a PNG or SVG file "
		    "of at most 4 MiB); fix or remove the logo, nothing was invoiced", f);
	unsigned char *jpeg = NULL;
	size_t jlen = 0;
	diag why = DIAG_INIT;
	rc = logoimg_freeze((const unsigned char *)data, len, f, LOGO_BOX_W, LOGO_BOX_H, LOGO_DPI,
	    &jpeg, &jlen, &why);
	free(data);
	if (rc != 0) {
		diag_move(d, &why);
		return diag_error(d, src, 0, 0, "branding/logo: '%s' cannot be put on the zorgnota; "
		    "fix or remove the logo, nothing was invoiced", f);
	}
	size_t blen = sodium_base64_ENCODED_LEN(jlen, sodium_base64_VARIANT_ORIGINAL);
	b->logo_b64 = xmalloc(blen);
	sodium_bin2base64(b->logo_b64, blen, jpeg, jlen, sodium_base64_VARIANT_ORIGINAL);
	free(jpeg);
	b->p.logo_jpeg_b64 = b->logo_b64;
	return 0;
}
