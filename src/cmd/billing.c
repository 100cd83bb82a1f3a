/* billing — reads what invoicing needs from practice.xml (see billing.h).
 *
 * Until the practice module (src/practice) is in main this reads the
 * model's elements itself, through xmlsafe, following
 * docs/practice-model.md (namespace urn:zorgdoc:practice:1): identity,
 * zorgnota/field, tariffs/tariff, invoicing. Only this file changes when
 * it switches to practice_load(). */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "../base/buf.h"
#include "../base/xmlsafe.h"
#include "../store/check.h"
#include "billing.h"

#define PRACTICE_NS "urn:zorgdoc:practice:1"

struct billing {
	xmlDocPtr doc;
	char **strs;      /* every string handed out, freed with the object */
	size_t nstrs;
	store_practice p;
	store_tariff *tariffs;
	size_t ntariffs;
	char *source;
};

static int
is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	    strcmp((const char *)n->ns->href, PRACTICE_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static xmlNode *
child(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (xmlNode *c = n->children; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* Keeps s (malloc'd) and returns it; NULL stays NULL. Trims spaces. */
static const char *
keep(billing *b, char *s)
{
	if (!s)
		return NULL;
	size_t len = strlen(s), start = 0;
	while (start < len && (s[start] == ' ' || s[start] == '\n' || s[start] == '\t'))
		start++;
	while (len > start && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t'))
		len--;
	memmove(s, s + start, len - start);
	s[len - start] = '\0';
	if (!*s) {
		free(s);
		return NULL;
	}
	b->strs = xrealloc(b->strs, (b->nstrs + 1) * sizeof *b->strs);
	b->strs[b->nstrs++] = s;
	return s;
}

static const char *
text(billing *b, const xmlNode *n)
{
	if (!n)
		return NULL;
	xmlChar *c = xmlNodeGetContent(n);
	if (!c)
		return NULL;
	char *s = xstrdup((const char *)c);
	xmlFree(c);
	return keep(b, s);
}

static const char *
attr(billing *b, const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	xmlChar *c = xmlGetProp(n, (const xmlChar *)name);
	if (!c)
		return NULL;
	char *s = xstrdup((const char *)c);
	xmlFree(c);
	return keep(b, s);
}

billing *
billing_load(const char *path, diag *d)
{
	billing *b = xcalloc(1, sizeof *b);
	b->source = xstrdup(path);
	b->doc = xmlsafe_read_file(path, d);
	if (!b->doc)
		goto fail;
	xmlNode *root = xmlDocGetRootElement(b->doc);
	if (!is(root, "practice")) {
		diag_error(d, path, 0, 0, "not a practice file (root element practice in "
		    "namespace " PRACTICE_NS ")");
		goto fail;
	}
	store_practice *p = &b->p;
	p->source = b->source;
	xmlNode *id = child(root, "identity");
	p->name = text(b, child(id, "name"));
	p->legal_form = text(b, child(id, "legal-form"));
	p->therapist = text(b, child(child(id, "owner"), "name"));
	xmlNode *adr = child(id, "address");
	p->street = text(b, child(adr, "street"));
	p->postcode = text(b, child(adr, "postcode"));
	p->city = text(b, child(adr, "city"));
	p->country = text(b, child(adr, "country"));
	xmlNode *contact = child(id, "contact");
	p->email = text(b, child(contact, "email"));
	p->phone = text(b, child(contact, "phone"));
	p->website = text(b, child(contact, "website"));
	p->kvk = text(b, child(id, "kvk"));
	p->agb_practice = text(b, child(id, "agb-practice"));
	p->agb_therapist = text(b, child(id, "agb-therapist"));
	p->iban = text(b, child(id, "iban"));
	p->bic = text(b, child(id, "bic"));
	p->vat_number = text(b, child(id, "vat-number"));
	xmlNode *assoc = child(id, "association");
	p->association = text(b, child(assoc, "name"));
	p->membership = text(b, child(assoc, "membership-number"));
	p->rbcz = text(b, child(child(id, "register"), "number"));

	xmlNode *inv = child(root, "invoicing");
	p->number_pattern = attr(b, inv, "number-pattern");
	p->credit_pattern = attr(b, inv, "credit-pattern");
	const char *days = attr(b, inv, "payment-days");
	int64_t n;
	p->payment_term_days = days && check_id(days, &n) == 0 && n <= 365 ? (int)n : 0;

	xmlNode *nota = child(root, "zorgnota");
	if (nota) {
		for (xmlNode *f = nota->children; f; f = f->next) {
			if (!is(f, "field"))
				continue;
			const char *name = attr(b, f, "name");
			if (!name)
				continue;
			if (strcmp(name, "client-bsn") == 0)
				p->show_bsn = 1;
			else if (strcmp(name, "insurer") == 0)
				p->show_insurer = 1;
			else if (strcmp(name, "policy-number") == 0)
				p->show_policy_number = 1;
			else if (strcmp(name, "treatment-duration") == 0)
				p->show_duration = 1;
		}
	} else {
		p->show_insurer = p->show_policy_number = p->show_duration = 1;
	}

	int bad = 0;
	for (xmlNode *t = child(child(root, "tariffs"), "tariff"); t; t = t->next) {
		if (!is(t, "tariff"))
			continue;
		store_tariff tf = { 0 };
		tf.id = attr(b, t, "id");
		tf.prestatiecode = attr(b, t, "prestatiecode");
		tf.description = text(b, child(t, "description"));
		const char *amount = attr(b, t, "amount-cents");
		const char *vat = attr(b, t, "vat");
		int v = store_vat_lookup(vat);
		int64_t cents = -1;
		if (amount && strspn(amount, "0123456789") == strlen(amount) && strlen(amount) < 10)
			cents = atoll(amount);
		if (!tf.id || cents < 0 || v < 0) {
			diag_error(d, path, (int)xmlGetLineNo(t), 0, "tariff needs id, amount-cents "
			    "and vat (exempt, standard or kor)");
			bad = 1;
			continue;
		}
		tf.amount_cents = cents;
		const char *minutes = attr(b, t, "minutes");
		int64_t m;
		tf.minutes = minutes && check_id(minutes, &m) == 0 && m <= 1440 ? (int)m : 0;
		tf.vat = (store_vat)v;
		b->tariffs = xrealloc(b->tariffs, (b->ntariffs + 1) * sizeof *b->tariffs);
		b->tariffs[b->ntariffs++] = tf;
	}
	if (bad)
		goto fail;
	return b;
fail:
	billing_free(b);
	return NULL;
}

void
billing_free(billing *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nstrs; i++)
		free(b->strs[i]);
	free(b->strs);
	free(b->tariffs);
	free(b->source);
	xmlFreeDoc(b->doc);
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
