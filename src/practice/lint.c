/* lint — legal warnings on a loaded practice: what the GDPR (AVG), the
 * WGBO, the Wkkgz and the Telecommunicatiewet ask that the practice file
 * does not say, or says wrongly. Each warning names the element and line
 * and says what the law asks. Wording of documents is not here: these are
 * messages to the person maintaining practice.xml. */
#include "practice_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "validate.h"

typedef struct {
	const practice *p;
	diag *d;
	int n;
} lint;

static void
warn(lint *l, xmlNodePtr node, const char *attr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
warn(lint *l, xmlNodePtr node, const char *attr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	practice_report(l->d, DIAG_WARNING, l->p->path, l->p->src, l->p->srclen, node, attr, "%s", m);
	free(m);
	l->n++;
}

static int
eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Looks an id up among the elements named `what` anywhere in the file. */
static xmlNodePtr
find_id(xmlNodePtr root, const char *section, const char *what, const char *id)
{
	xmlNodePtr sec = practice_child(root, section);
	if (!sec)
		return NULL;
	for (xmlNodePtr g = sec->children; g; g = g->next) {
		if (practice_is(g, what) && eq(practice_attr(g, "id"), id))
			return g;
		for (xmlNodePtr c = g->children; practice_is(g, NULL) && c; c = c->next)
			if (practice_is(c, what) && eq(practice_attr(c, "id"), id))
				return c;
	}
	return NULL;
}

/* Does the space-separated list `refs` name a special category? */
static int
refs_special(xmlNodePtr root, const char *refs)
{
	if (!refs)
		return 0;
	char *copy = xstrdup(refs);
	int special = 0;
	for (char *save = NULL, *t = strtok_r(copy, " \t\r\n", &save); t && !special;
	     t = strtok_r(NULL, " \t\r\n", &save)) {
		xmlNodePtr c = find_id(root, "data", "category", t);
		special = c && eq(practice_attr(c, "special"), "yes");
	}
	free(copy);
	return special;
}

static int
refs_contain(const char *refs, const char *id)
{
	if (!refs || !id)
		return 0;
	size_t n = strlen(id);
	for (const char *p = refs; (p = strstr(p, id)) != NULL; p += n) {
		int start = p == refs || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n';
		int end = p[n] == '\0' || p[n] == ' ' || p[n] == '\t' || p[n] == '\n';
		if (start && end)
			return 1;
	}
	return 0;
}

static const char *
from_words(const char *from)
{
	if (eq(from, "18th-birthday"))
		return "from the 18th birthday";
	if (eq(from, "each-entry"))
		return "from each separate entry";
	if (eq(from, "death"))
		return "from the date of death";
	if (eq(from, "end-of-treatment"))
		return "from the end of the treatment";
	if (eq(from, "unspecified"))
		return "without saying from when";
	return "from another moment";
}

static void
lint_retention(lint *l, xmlNodePtr root)
{
	xmlNodePtr ret = practice_child(root, "retention");
	int dossier_rules = 0, financial = 0;
	for (xmlNodePtr r = practice_child(ret, "rule"); r; r = practice_next(r, "rule")) {
		const char *to = practice_attr(r, "applies-to");
		const char *from = practice_attr(r, "from");
		long long years = 0;
		const char *ys = practice_attr(r, "years");
		if (!ys || validate_uint(ys, 0, 200, &years))
			continue;
		if (eq(to, "dossier")) {
			dossier_rules++;
			if (years < 20)
				warn(l, r, "years", "the dossier is kept %lld years; the WGBO (art. 7:454 BW) "
				    "asks 20 years from the last change of the dossier (since 1 January 2020)",
				    years);
			if (!eq(from, "last-change"))
				warn(l, r, "from", "the dossier retention is counted %s; since 1 January 2020 "
				    "the WGBO (art. 7:454 BW) counts 20 years from the last change of the "
				    "dossier%s", from_words(from),
				    eq(from, "18th-birthday") ? ", for minors too (KNMG reading)" : "");
		} else if (eq(to, "financial")) {
			financial++;
			if (years < 7)
				warn(l, r, "years", "financial records are kept %lld years; tax law "
				    "(art. 52 AWR) asks 7 years", years);
		}
	}
	if (practice_child(root, "dossier") && dossier_rules == 0)
		warn(l, ret, NULL, "no retention rule for the dossier; the WGBO asks 20 years from "
		    "the last change of the dossier (art. 13(2)(a) GDPR: tell how long data are kept)");
	if ((practice_child(root, "tariffs") || practice_child(root, "zorgnota") ||
	    practice_child(root, "invoicing")) && financial == 0)
		warn(l, ret, NULL, "no retention rule for the financial records (invoices); tax law "
		    "(art. 52 AWR) asks 7 years, and art. 13(2)(a) GDPR asks to say so");
}

static void
lint_purposes(lint *l, xmlNodePtr root)
{
	xmlNodePtr ps = practice_child(root, "purposes");
	for (xmlNodePtr p = practice_child(ps, "purpose"); p; p = practice_next(p, "purpose")) {
		const char *basis = practice_attr(p, "legal-basis");
		if (!basis)
			warn(l, p, NULL, "purpose '%s' has no legal basis; art. 6(1) and art. 13(1)(c) "
			    "GDPR ask a basis for every purpose (consent, contract, legal-obligation, "
			    "vital-interests, public-task or legitimate-interests)",
			    practice_attr(p, "id"));
		else if (eq(basis, "legitimate-interests") && !practice_child(p, "legitimate-interest"))
			warn(l, p, "legal-basis", "legitimate interests without saying which interest; "
			    "art. 13(1)(d) GDPR asks to name it (<legitimate-interest>)");
		if (refs_special(root, practice_attr(p, "categories")) && !practice_attr(p, "art9"))
			warn(l, p, NULL, "purpose '%s' uses special-category (health) data without an "
			    "art. 9(2) GDPR ground; processing health data is forbidden unless one applies "
			    "(e.g. health-care, art. 9(2)(h) with art. 30(3) UAVG, or explicit-consent)",
			    practice_attr(p, "id"));
	}
	/* special categories that no purpose uses at all */
	xmlNodePtr data = practice_child(root, "data");
	for (xmlNodePtr g = practice_child(data, "group"); g; g = practice_next(g, "group"))
		for (xmlNodePtr c = practice_child(g, "category"); c; c = practice_next(c, "category")) {
			if (!eq(practice_attr(c, "special"), "yes"))
				continue;
			int used = 0;
			for (xmlNodePtr p = practice_child(ps, "purpose"); p && !used; p = practice_next(p, "purpose"))
				used = refs_contain(practice_attr(p, "categories"), practice_attr(c, "id"));
			if (!used)
				warn(l, c, NULL, "special-category data '%s' belong to no purpose; art. 9(2) "
				    "GDPR asks a ground for them, given through a purpose with art9",
				    practice_attr(c, "id"));
		}
}

static void
lint_processors(lint *l, xmlNodePtr root)
{
	xmlNodePtr ps = practice_child(root, "processors");
	for (xmlNodePtr p = practice_child(ps, "processor"); p; p = practice_next(p, "processor")) {
		const char *id = practice_attr(p, "id");
		const char *ag = practice_attr(p, "agreement");
		if (!eq(ag, "signed"))
			warn(l, p, "agreement", "processor '%s' without a signed processor agreement; "
			    "art. 28(3) GDPR: a processor may only process personal data under a written "
			    "agreement (verwerkersovereenkomst)", id);
		xmlNodePtr loc = practice_child(p, "location");
		const char *sg = practice_attr(loc, "safeguard");
		if (eq(practice_attr(loc, "eea"), "no") && (!sg || eq(sg, "none")))
			warn(l, loc, NULL, "processor '%s' is outside the EEA without a safeguard; "
			    "art. 44-46 GDPR ask an adequacy decision, standard contractual clauses, "
			    "binding corporate rules or the EU-US Data Privacy Framework", id);
		if (!practice_attr(p, "categories"))
			warn(l, p, NULL, "processor '%s' does not say which data it processes; "
			    "art. 28(3) and art. 30(1)(c) GDPR ask the types of personal data "
			    "(attribute categories)", id);
		for (xmlNodePtr s = practice_child(p, "sub-processor"); s; s = practice_next(s, "sub-processor")) {
			xmlNodePtr sl = practice_child(s, "location");
			const char *ssg = practice_attr(sl, "safeguard");
			if (eq(practice_attr(sl, "eea"), "no") && (!ssg || eq(ssg, "none")))
				warn(l, sl, NULL, "a sub-processor of '%s' is outside the EEA without a "
				    "safeguard; art. 44-46 GDPR ask one", id);
		}
	}
}

static void
lint_sharing(lint *l, xmlNodePtr root)
{
	xmlNodePtr sh = practice_child(root, "sharing");
	for (xmlNodePtr r = practice_child(sh, "recipient"); r; r = practice_next(r, "recipient")) {
		const char *id = practice_attr(r, "id");
		if (!practice_attr(r, "legal-basis"))
			warn(l, r, NULL, "sharing with '%s' has no legal basis; art. 6(1) GDPR asks one "
			    "for every disclosure (consent, legal-obligation, vital-interests...)", id);
		if (refs_special(root, practice_attr(r, "categories")) && !practice_attr(r, "art9"))
			warn(l, r, NULL, "sharing health data with '%s' without an art. 9(2) GDPR ground "
			    "(explicit-consent, vital-interests, health-care...)", id);
	}
}

static void
lint_cookies(lint *l, xmlNodePtr root)
{
	xmlNodePtr cs = practice_child(root, "cookies");
	for (xmlNodePtr c = practice_child(cs, "cookie"); c; c = practice_next(c, "cookie")) {
		const char *type = practice_attr(c, "type");
		int tracking = eq(type, "analytics") || eq(type, "marketing") || eq(type, "social") ||
		    eq(practice_attr(c, "party"), "third");
		if (tracking && !eq(practice_attr(c, "consent"), "yes"))
			warn(l, c, "consent", "%s cookie '%s' is placed without consent; art. 11.7a "
			    "Telecommunicatiewet asks prior consent for every cookie that is not strictly "
			    "necessary (only privacy-friendly first-party analytics are exempt)",
			    eq(practice_attr(c, "party"), "third") ? "third-party" : type,
			    practice_attr(c, "id"));
	}
}

static void
lint_rights(lint *l, xmlNodePtr root)
{
	xmlNodePtr rs = practice_child(root, "rights");
	int ap = 0;
	for (xmlNodePtr r = practice_child(rs, "right"); r; r = practice_next(r, "right")) {
		if (eq(practice_attr(r, "type"), "complaint-ap"))
			ap = 1;
		if (eq(practice_attr(r, "type"), "access") && eq(practice_attr(r, "fee"), "yes"))
			warn(l, r, "fee", "a fee for access; art. 12(5) and 15(3) GDPR: the first copy is "
			    "free of charge");
	}
	if (!ap)
		warn(l, rs, NULL, "no right to complain to the Autoriteit Persoonsgegevens; art. 13(2)(d) "
		    "GDPR asks to mention it (<right type=\"complaint-ap\"/>)");
	for (xmlNodePtr part = practice_child(practice_child(root, "dossier"), "part"); part;
	     part = practice_next(part, "part"))
		if (eq(practice_attr(part, "client-access"), "no"))
			warn(l, part, "client-access", "part '%s' of the dossier is closed to the client; "
			    "the WGBO (art. 7:456 BW) and art. 15 GDPR give the client access to the whole "
			    "dossier (only personal work notes outside the dossier are excluded)",
			    practice_attr(part, "id"));
	xmlNodePtr ins = practice_child(practice_child(root, "dossier"), "inspection");
	if (ins && eq(practice_attr(ins, "fee"), "yes"))
		warn(l, ins, "fee", "costs are charged for inspecting the dossier; art. 12(5) and 15(3) "
		    "GDPR and art. 7:456 BW: access and the first copy are free of charge");
}

static void
lint_identity(lint *l, xmlNodePtr root)
{
	xmlNodePtr id = practice_child(root, "identity");
	xmlNodePtr contact = practice_child(id, "contact");
	if (!practice_child(contact, "email") && !practice_child(contact, "phone"))
		warn(l, contact, NULL, "no e-mail address or phone number of the controller; "
		    "art. 13(1)(a) GDPR asks the identity and contact details of the controller");
	else if (!practice_child(contact, "email"))
		warn(l, contact, NULL, "no e-mail address of the controller; art. 13(1)(a) GDPR asks "
		    "contact details people can write to");
	if (!practice_child(id, "complaints"))
		warn(l, id, NULL, "no complaints body; the Wkkgz asks every care provider to have a "
		    "complaints arrangement and to be affiliated with a disputes body "
		    "(geschilleninstantie)");
	for (xmlNodePtr t = practice_child(practice_child(root, "tariffs"), "tariff"); t;
	     t = practice_next(t, "tariff"))
		if (eq(practice_attr(t, "vat"), "standard") && !practice_child(id, "vat-number")) {
			warn(l, t, "vat", "VAT is charged but the identity has no VAT number; art. 35a "
			    "Wet OB asks the VAT identification number on every invoice");
			break;
		}
	xmlNodePtr m = practice_child(root, "minors");
	if (m && eq(practice_attr(m, "treated"), "yes") && !practice_attr(m, "parental-consent"))
		warn(l, m, NULL, "minors are treated without saying who consents; the WGBO "
		    "(art. 7:450 and 7:465 BW) asks the parents' consent under 12 and both the child's "
		    "and the parents' from 12 to 16");
}

static void
lint_agreement(lint *l, xmlNodePtr root)
{
	xmlNodePtr a = practice_child(root, "processor-agreement");
	if (!a)
		return;
	if (!eq(practice_attr(a, "audits"), "yes"))
		warn(l, a, NULL, "the processor agreement gives no right to audits; art. 28(3)(h) GDPR "
		    "asks the processor to allow for and contribute to audits and inspections");
	if (!practice_attr(a, "end-of-processing"))
		warn(l, a, NULL, "the processor agreement does not say what happens to the data at the "
		    "end; art. 28(3)(g) GDPR asks deletion or return at the controller's choice");
	if (eq(practice_attr(a, "subprocessors"), "general") && !practice_attr(a, "notice-days"))
		warn(l, a, "subprocessors", "general authorisation of sub-processors without a notice "
		    "period; art. 28(2) GDPR asks to inform the controller of changes in time to object");
	long long h = 0;
	const char *bh = practice_attr(a, "breach-hours");
	if (bh && !validate_uint(bh, 1, 8760, &h) && h > 72)
		warn(l, a, "breach-hours", "breaches are reported after up to %lld hours; the controller "
		    "must notify the Autoriteit Persoonsgegevens within 72 hours (art. 33 GDPR), so "
		    "the processor must report sooner", h);
	if (eq(practice_attr(a, "outside-eea"), "allowed"))
		warn(l, a, "outside-eea", "the agreement allows processing outside the EEA without "
		    "conditions; art. 28(3)(a) and 44-46 GDPR allow transfers only on documented "
		    "instructions and with a safeguard");
}

/* What the processor agreements (art. 28(3) GDPR) and the register of
 * processing activities (art. 30) need from the model beyond the checks
 * above; added with zorgdoc dpa and zorgdoc register. */
static void
lint_record(lint *l, xmlNodePtr root)
{
	xmlNodePtr procs = practice_child(root, "processors");
	xmlNodePtr a = practice_child(root, "processor-agreement");
	if (practice_child(procs, "processor") && !a)
		warn(l, procs, NULL, "no <processor-agreement>: the processor agreements use defaults "
		    "(specific authorisation of sub-processors, incidents reported within 48 hours, no "
		    "liability cap, no transfers outside the EEA); art. 28(3) GDPR asks the practice "
		    "to choose them");
	for (xmlNodePtr p = practice_child(procs, "processor"); p; p = practice_next(p, "processor")) {
		if (!practice_attr(p, "purposes"))
			warn(l, p, NULL, "processor '%s' does not say for which purposes it processes; "
			    "art. 28(3) GDPR asks the purpose in the agreement and art. 30(1)(d) the "
			    "recipients per processing activity (attribute purposes)",
			    practice_attr(p, "id"));
		for (xmlNodePtr s = practice_child(p, "sub-processor"); s; s = practice_next(s, "sub-processor"))
			if (!practice_child(s, "location"))
				warn(l, s, NULL, "a sub-processor of '%s' has no location; art. 28(3)(a) and "
				    "30(1)(e) GDPR ask whether personal data leave the EEA",
				    practice_attr(p, "id"));
	}
	xmlNodePtr ps = practice_child(root, "purposes");
	for (xmlNodePtr p = practice_child(ps, "purpose"); p; p = practice_next(p, "purpose"))
		if (!practice_attr(p, "categories"))
			warn(l, p, NULL, "purpose '%s' does not say which data it uses; art. 30(1)(c) "
			    "GDPR asks the categories of data subjects and personal data per processing "
			    "activity (attribute categories)", practice_attr(p, "id"));
	/* categories no retention rule covers (a rule without categories
	 * covers its kind of data, so then nothing can be said) */
	xmlNodePtr ret = practice_child(root, "retention");
	int general = 0;
	for (xmlNodePtr r = practice_child(ret, "rule"); r; r = practice_next(r, "rule"))
		general |= practice_attr(r, "categories") == NULL;
	if (!general) {
		buf missing = BUF_INIT;
		int n = 0;
		xmlNodePtr data = practice_child(root, "data");
		for (xmlNodePtr g = practice_child(data, "group"); g; g = practice_next(g, "group"))
			for (xmlNodePtr c = practice_child(g, "category"); c; c = practice_next(c, "category")) {
				int kept = 0;
				for (xmlNodePtr r = practice_child(ret, "rule"); r && !kept; r = practice_next(r, "rule"))
					kept = refs_contain(practice_attr(r, "categories"), practice_attr(c, "id"));
				if (!kept) {
					buf_printf(&missing, "%s%s", n ? ", " : "", practice_attr(c, "id"));
					n++;
				}
			}
		if (n)
			warn(l, ret, NULL, "%d data categories have no retention rule (%s); art. 30(1)(f) "
			    "and 13(2)(a) GDPR ask how long data are kept", n, buf_str(&missing));
		buf_free(&missing);
	}
	if (eq(practice_attr(a, "practice-role"), "processor")) {
		warn(l, a, "practice-role", "the practice calls itself the processor of its clients; a "
		    "care provider decides on the purposes and means of the dossier (WGBO) and is its "
		    "controller, and a client acting privately is not a controller (art. 2(2)(c) "
		    "GDPR); zorgdoc makes this agreement because the practice asks for it");
		if (practice_attr(a, "liability-cap-cents"))
			warn(l, a, "liability-cap-cents", "a liability cap towards a client is void: "
			    "art. 7:463 BW forbids limiting the liability of a care provider; the "
			    "agreement leaves it out");
	}
}

int
practice_lint(const practice *p, diag *d)
{
	lint l = { p, d, 0 };
	xmlNodePtr root = xmlDocGetRootElement(p->doc);
	lint_identity(&l, root);
	lint_purposes(&l, root);
	lint_retention(&l, root);
	lint_processors(&l, root);
	lint_sharing(&l, root);
	lint_cookies(&l, root);
	lint_rights(&l, root);
	lint_agreement(&l, root);
	lint_record(&l, root);
	return l.n;
}
