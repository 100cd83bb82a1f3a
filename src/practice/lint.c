/* lint — legal findings on a loaded practice: what the GDPR (AVG), the
 * WGBO, the Wkkgz and the Telecommunicatiewet ask that the practice file
 * does not say, or says wrongly. Each finding names the element (and
 * attribute) and line, says what the law asks and what to change.
 * Wording of documents is not here: these are messages to the person
 * maintaining practice.xml.
 *
 * Two kinds (docs/practice-model.md, "Legal lint"):
 * - blocking: a document made from the model would state a violation,
 *   give a wrong legal term or contradict itself (REVIEW class A). check
 *   prints them as warnings (errors with --strict); privacy, dpa,
 *   register and regen refuse to make a final document while one is left.
 * - advice: the model lacks something the documents fill in themselves, or
 *   something outside these documents; printed as notes, never blocking. */
#include "practice_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/buf.h"
#include "validate.h"

typedef struct {
	const practice *p;
	diag *d;
	int blocking_only;    /* report only blocking findings ... */
	diag_severity block_sev; /* ... at this severity */
	int nblock, nadvice;
} lint;

static void
finding(lint *l, int blocking, xmlNodePtr node, const char *attr, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

static void
finding(lint *l, int blocking, xmlNodePtr node, const char *attr, const char *fmt, va_list ap)
{
	if (blocking)
		l->nblock++;
	else
		l->nadvice++;
	if (l->blocking_only && !blocking)
		return;
	char *m = xvasprintf(fmt, ap);
	diag_severity sev = blocking ? l->block_sev : DIAG_NOTE;
	practice_report(l->d, sev, l->p->path, l->p->src, l->p->srclen, node, attr, "%s", m);
	free(m);
}

/* A finding that keeps a document from being final (class A). */
static void
block(lint *l, xmlNodePtr node, const char *attr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
block(lint *l, xmlNodePtr node, const char *attr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	finding(l, 1, node, attr, fmt, ap);
	va_end(ap);
}

/* Advice: the documents are lawful without it. */
static void
advise(lint *l, xmlNodePtr node, const char *attr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
advise(lint *l, xmlNodePtr node, const char *attr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	finding(l, 0, node, attr, fmt, ap);
	va_end(ap);
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
				block(l, r, "years", "the dossier is kept %lld years; the WGBO (art. 7:454 BW) "
				    "asks 20 years from the last change of the dossier (since 1 January 2020). "
				    "Change: years=\"20\" from=\"last-change\"", years);
			if (!eq(from, "last-change"))
				block(l, r, "from", "the dossier retention is counted %s; since 1 January 2020 "
				    "the WGBO (art. 7:454 BW) counts 20 years from the last change of the "
				    "dossier%s. Change: from=\"last-change\"", from_words(from),
				    eq(from, "18th-birthday") ? ", for minors too (KNMG reading)" : "");
		} else if (eq(to, "financial")) {
			financial++;
			if (years < 7)
				block(l, r, "years", "financial records are kept %lld years; tax law "
				    "(art. 52 AWR) asks 7 years. Change: years=\"7\"", years);
		}
	}
	if (practice_child(root, "dossier") && dossier_rules == 0)
		block(l, ret, NULL, "no retention rule for the dossier; the WGBO asks 20 years from "
		    "the last change of the dossier (art. 13(2)(a) GDPR: tell how long data are kept). "
		    "Add: <rule applies-to=\"dossier\" years=\"20\" from=\"last-change\">");
	if ((practice_child(root, "tariffs") || practice_child(root, "zorgnota") ||
	    practice_child(root, "invoicing")) && financial == 0)
		block(l, ret, NULL, "no retention rule for the financial records (invoices); tax law "
		    "(art. 52 AWR) asks 7 years, and art. 13(2)(a) GDPR asks to say so. Add: "
		    "<rule applies-to=\"financial\" years=\"7\" from=\"end-of-year\">");
}

/* The art. 6 bases a purpose or recipient names: legal-basis is a list. */
static int
has_basis(xmlNodePtr n, const char *basis)
{
	return refs_contain(practice_attr(n, "legal-basis"), basis);
}

static void
lint_purposes(lint *l, xmlNodePtr root)
{
	xmlNodePtr ps = practice_child(root, "purposes");
	for (xmlNodePtr p = practice_child(ps, "purpose"); p; p = practice_next(p, "purpose")) {
		const char *basis = practice_attr(p, "legal-basis");
		if (!basis)
			block(l, p, NULL, "purpose '%s' has no legal basis; art. 6(1) and art. 13(1)(c) "
			    "GDPR ask a basis for every purpose. Add legal-basis with one or more of "
			    "consent, contract, legal-obligation, vital-interests, public-task, "
			    "legitimate-interests (e.g. legal-basis=\"contract legitimate-interests\")",
			    practice_attr(p, "id"));
		else if (has_basis(p, "legitimate-interests") && !practice_child(p, "legitimate-interest"))
			block(l, p, "legal-basis", "legitimate interests without saying which interest; "
			    "art. 13(1)(d) GDPR asks to name it. Add <legitimate-interest> to the purpose");
		if (refs_special(root, practice_attr(p, "categories")) && !practice_attr(p, "art9"))
			block(l, p, NULL, "purpose '%s' uses special-category (health) data without an "
			    "art. 9(2) GDPR ground; processing health data is forbidden unless one applies. "
			    "Add art9 with the ground the practice relies on: health-care (art. 9(2)(h) "
			    "with art. 30(3) UAVG: care by a professional bound to secrecy, the usual "
			    "ground for the dossier), explicit-consent (art. 9(2)(a): only where the "
			    "client may refuse), vital-interests or legal-claims", practice_attr(p, "id"));
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
				block(l, c, NULL, "special-category data '%s' belong to no purpose; art. 9(2) "
				    "GDPR asks a ground for them. Add the category to the categories of a "
				    "purpose that has art9, or remove it", practice_attr(c, "id"));
		}
}

/* A processor agreement is in place (signed; any value other than
 * pending, none or unknown is a form of agreement). */
static int
agreement_in_place(const char *ag)
{
	return ag && !eq(ag, "pending") && !eq(ag, "none") && !eq(ag, "unknown");
}

static void
lint_processors(lint *l, xmlNodePtr root)
{
	xmlNodePtr ps = practice_child(root, "processors");
	for (xmlNodePtr p = practice_child(ps, "processor"); p; p = practice_next(p, "processor")) {
		const char *id = practice_attr(p, "id");
		const char *ag = practice_attr(p, "agreement");
		if (!agreement_in_place(ag))
			block(l, p, "agreement", "processor '%s' without a processor agreement (%s); "
			    "art. 28(3) GDPR: a processor may only process personal data under a written "
			    "agreement. Conclude one (zorgdoc dpa --processor %s drafts it, or accept the "
			    "processor's own data processing terms) and set agreement=\"signed\"",
			    id, ag ? ag : "not said", id);
		xmlNodePtr loc = practice_child(p, "location");
		const char *sg = practice_attr(loc, "safeguard");
		if (eq(practice_attr(loc, "eea"), "no") && (!sg || eq(sg, "none")))
			block(l, loc, NULL, "processor '%s' is outside the EEA without a safeguard; "
			    "art. 44-46 GDPR forbid the transfer without one. Set safeguard to adequacy "
			    "(an adequacy decision for the country), dpf (the company is certified under "
			    "the EU-US Data Privacy Framework), scc (standard contractual clauses) or bcr, "
			    "or choose a processor in the EEA (eea=\"yes\")", id);
		if (!practice_attr(p, "categories"))
			block(l, p, NULL, "processor '%s' does not say which data it processes; "
			    "art. 28(3) and art. 30(1)(c) GDPR ask the types of personal data. Add "
			    "categories with the ids of the data categories it receives", id);
		for (xmlNodePtr s = practice_child(p, "sub-processor"); s; s = practice_next(s, "sub-processor")) {
			xmlNodePtr sl = practice_child(s, "location");
			const char *ssg = practice_attr(sl, "safeguard");
			if (eq(practice_attr(sl, "eea"), "no") && (!ssg || eq(ssg, "none")))
				block(l, sl, NULL, "a sub-processor of '%s' is outside the EEA without a "
				    "safeguard; art. 44-46 GDPR ask one. Set safeguard (adequacy, dpf, scc "
				    "or bcr)", id);
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
			block(l, r, NULL, "sharing with '%s' has no legal basis; art. 6(1) GDPR asks one "
			    "for every disclosure. Add legal-basis (consent, legal-obligation, "
			    "vital-interests...)", id);
		else if (has_basis(r, "consent") && eq(practice_attr(r, "consent"), "not-required"))
			block(l, r, "consent", "sharing with '%s' rests on consent but says consent is "
			    "not required; the statement would contradict itself. Change consent to "
			    "explicit or explicit-written, or legal-basis to the ground that applies "
			    "without consent", id);
		if (refs_special(root, practice_attr(r, "categories")) && !practice_attr(r, "art9"))
			block(l, r, NULL, "sharing health data with '%s' without an art. 9(2) GDPR ground. "
			    "Add art9 (explicit-consent, vital-interests, health-care...)", id);
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
			block(l, c, "consent", "%s cookie '%s' is placed without consent; art. 11.7a "
			    "Telecommunicatiewet asks prior consent for every cookie that is not strictly "
			    "necessary (only privacy-friendly first-party analytics are exempt). Ask "
			    "consent (a cookie banner) before the cookie is placed and set consent=\"yes\", "
			    "or remove the cookie",
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
			block(l, r, "fee", "a fee for access; art. 12(5) and 15(3) GDPR: the first copy is "
			    "free of charge. Change: fee=\"no\" (or leave fee out)");
	}
	if (!ap)
		advise(l, rs, NULL, "no right to complain to the Autoriteit Persoonsgegevens; the "
		    "statement names it anyway (art. 13(2)(d) GDPR). Add <right type=\"complaint-ap\"/> "
		    "to say so in the model");
	xmlNodePtr dossier = practice_child(root, "dossier");
	for (xmlNodePtr part = practice_child(dossier, "part"); part; part = practice_next(part, "part"))
		if (eq(practice_attr(part, "client-access"), "no"))
			block(l, part, "client-access", "part '%s' of the dossier is closed to the client "
			    "(the statement would say \"niet ter inzage\" and also that the client may see "
			    "the whole dossier); the WGBO (art. 7:456 BW) and art. 15 GDPR give the client "
			    "access to the whole dossier. Change: client-access=\"yes\"; personal work "
			    "notes that are not part of the dossier do not belong in it",
			    practice_attr(part, "id"));
	xmlNodePtr ins = practice_child(dossier, "inspection");
	if (ins && eq(practice_attr(ins, "fee"), "yes"))
		block(l, ins, "fee", "costs are charged for inspecting the dossier, while the rights "
		    "section says using a right costs nothing; art. 12(5) and 15(3) GDPR and "
		    "art. 7:456 BW: access and the first copy are free of charge. Change: fee=\"no\" "
		    "and say nothing of costs in the description");
}

static void
lint_identity(lint *l, xmlNodePtr root)
{
	xmlNodePtr id = practice_child(root, "identity");
	xmlNodePtr contact = practice_child(id, "contact");
	if (!practice_child(contact, "email") && !practice_child(contact, "phone"))
		block(l, contact, NULL, "no e-mail address or phone number of the controller; "
		    "art. 13(1)(a) GDPR asks the identity and contact details of the controller. "
		    "Add <email> (and <phone>)");
	else if (!practice_child(contact, "email"))
		advise(l, contact, NULL, "no e-mail address of the controller; art. 13(1)(a) GDPR asks "
		    "contact details people can write to. Add <email>");
	if (!practice_child(id, "complaints"))
		advise(l, id, NULL, "no complaints body; the Wkkgz asks every care provider to have a "
		    "complaints arrangement and to be affiliated with a disputes body "
		    "(geschilleninstantie). Add <complaints> with the body the practice is affiliated with");
	for (xmlNodePtr t = practice_child(practice_child(root, "tariffs"), "tariff"); t;
	     t = practice_next(t, "tariff"))
		if (eq(practice_attr(t, "vat"), "standard") && !practice_child(id, "vat-number")) {
			advise(l, t, "vat", "VAT is charged but the identity has no VAT number; art. 35a "
			    "Wet OB asks the VAT identification number on every invoice. Add <vat-number>");
			break;
		}
	xmlNodePtr m = practice_child(root, "minors");
	if (m && eq(practice_attr(m, "treated"), "yes") && !practice_attr(m, "parental-consent"))
		advise(l, m, NULL, "minors are treated without saying who consents; the WGBO "
		    "(art. 7:450 and 7:465 BW) asks the parents' consent under 12 and both the child's "
		    "and the parents' from 12 to 16. Add parental-consent");
}

static void
lint_agreement(lint *l, xmlNodePtr root)
{
	xmlNodePtr a = practice_child(root, "processor-agreement");
	if (!a)
		return;
	if (!eq(practice_attr(a, "audits"), "yes"))
		advise(l, a, NULL, "the processor agreement gives no right to audits; art. 28(3)(h) "
		    "GDPR asks the processor to allow for and contribute to audits, so the agreement "
		    "has the audit article anyway. Set audits=\"yes\"");
	if (!practice_attr(a, "end-of-processing"))
		advise(l, a, NULL, "the processor agreement does not say what happens to the data at "
		    "the end; art. 28(3)(g) GDPR asks deletion or return at the controller's choice, "
		    "which the agreement then says. Set end-of-processing");
	if (eq(practice_attr(a, "subprocessors"), "general") && !practice_attr(a, "notice-days"))
		advise(l, a, "subprocessors", "general authorisation of sub-processors without a notice "
		    "period; art. 28(2) GDPR asks to inform the controller of changes in time to "
		    "object, so the agreement says 30 days. Set notice-days");
	long long h = 0;
	const char *bh = practice_attr(a, "breach-hours");
	if (bh && !validate_uint(bh, 1, 8760, &h) && h > 72)
		block(l, a, "breach-hours", "breaches are reported after up to %lld hours; the "
		    "controller must notify the Autoriteit Persoonsgegevens within 72 hours (art. 33 "
		    "GDPR), so the processor must report sooner. Change: breach-hours=\"48\" or less", h);
	if (eq(practice_attr(a, "outside-eea"), "allowed"))
		advise(l, a, "outside-eea", "the agreement allows processing outside the EEA; art. "
		    "28(3)(a) and 44-46 GDPR allow transfers only on documented instructions and with "
		    "a safeguard, which the agreement then requires. Consider outside-eea=\"not-allowed\"");
}

/* What the processor agreements (art. 28(3) GDPR) and the register of
 * processing activities (art. 30) need from the model beyond the checks
 * above; added with zorgdoc dpa and zorgdoc register. */
static void
lint_record(lint *l, xmlNodePtr root)
{
	xmlNodePtr procs = practice_child(root, "processors");
	xmlNodePtr a = practice_child(root, "processor-agreement");
	for (xmlNodePtr p = practice_child(procs, "processor"); p; p = practice_next(p, "processor")) {
		if (!practice_attr(p, "purposes"))
			block(l, p, NULL, "processor '%s' does not say for which purposes it processes; "
			    "art. 28(3) GDPR asks the purpose in the agreement and art. 30(1)(d) the "
			    "recipients per processing activity. Add purposes with the ids of the "
			    "purposes it serves", practice_attr(p, "id"));
		for (xmlNodePtr s = practice_child(p, "sub-processor"); s; s = practice_next(s, "sub-processor"))
			if (!practice_child(s, "location"))
				advise(l, s, NULL, "a sub-processor of '%s' has no location; art. 28(3)(a) and "
				    "30(1)(e) GDPR ask whether personal data leave the EEA. Add <location>",
				    practice_attr(p, "id"));
	}
	xmlNodePtr ps = practice_child(root, "purposes");
	for (xmlNodePtr p = practice_child(ps, "purpose"); p; p = practice_next(p, "purpose"))
		if (!practice_attr(p, "categories"))
			advise(l, p, NULL, "purpose '%s' does not say which data it uses; art. 30(1)(c) "
			    "GDPR asks the categories of data subjects and personal data per processing "
			    "activity. Add categories", practice_attr(p, "id"));
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
			advise(l, ret, NULL, "%d data categories have no retention rule (%s); art. 30(1)(f) "
			    "and 13(2)(a) GDPR ask how long data are kept. Add them to the categories "
			    "of a rule", n, buf_str(&missing));
		buf_free(&missing);
	}
	if (eq(practice_attr(a, "practice-role"), "processor")) {
		advise(l, a, "practice-role", "the practice calls itself the processor of its clients; a "
		    "care provider decides on the purposes and means of the dossier (WGBO) and is its "
		    "controller, and a client acting privately is not a controller (art. 2(2)(c) "
		    "GDPR); zorgdoc makes this agreement because the practice asks for it");
		if (practice_attr(a, "liability-cap-cents"))
			advise(l, a, "liability-cap-cents", "a liability cap towards a client is void: "
			    "art. 7:463 BW forbids limiting the liability of a care provider; the "
			    "agreement leaves it out");
	}
}

/* ------------------------------------------------------------- voice */

/* First- and second-person pronouns that documents between parties never
 * use (REVIEW class B). */
static const char *const pronouns[] = {
	"ik", "mij", "mijn", "je", "jij", "jou", "jouw", "u", "uw", "jullie", NULL
};

static int
word_byte(unsigned char c)
{
	return c >= 0x80 || c == '-' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The first pronoun standing as a word in s (case-insensitive), copied
 * into out (size n); 0 when there is none. Not a pronoun: a word inside
 * double quotes ("..." or “...”: a quotation), and a capitalised pronoun
 * followed by a capitalised word: a name such as "Mijn Diad". */
static int
find_pronoun(const char *s, char *out, size_t n)
{
	int quoted = 0;
	for (const char *q = s; *q;) {
		if (*q == '"' || strncmp(q, "\xe2\x80\x9c", 3) == 0 || strncmp(q, "\xe2\x80\x9d", 3) == 0) {
			quoted = *q == '"' ? !quoted : q[2] == '\x9c';
			q += *q == '"' ? 1 : 3;
			continue;
		}
		if (!word_byte((unsigned char)*q)) {
			q++;
			continue;
		}
		const char *w = q;
		while (*q && word_byte((unsigned char)*q))
			q++;
		size_t len = (size_t)(q - w);
		if (quoted)
			continue;
		for (int i = 0; pronouns[i]; i++) {
			if (strlen(pronouns[i]) != len || strncasecmp(w, pronouns[i], len) != 0)
				continue;
			const char *next = q;
			while (*next == ' ')
				next++;
			if (*w >= 'A' && *w <= 'Z' && *next >= 'A' && *next <= 'Z')
				break;  /* a name: "Mijn Diad" */
			snprintf(out, n, "%.*s", (int)len, w);
			return 1;
		}
	}
	return 0;
}

/* The free texts that agreements (dpa.xsl) and the register
 * (register.xsl) print, as element paths below the root; "." is the
 * element's own text. Keep in step with @parties in schema/practice.rng. */
static const char *const party_texts[] = {
	"identity/owner/role", "identity/owner/capacity",
	"purposes/purpose/name", "purposes/purpose/description",
	"purposes/purpose/legitimate-interest",
	"data/group/name", "data/group/category/name", "data/group/category/description",
	"dossier/access/description", "dossier/cover/description",
	"dossier/peer-review/description", "dossier/other-providers/description",
	"retention/rule/name", "retention/rule/note",
	"processors/processor/role", "processors/processor/processing",
	"processors/processor/use", "processors/processor/sub-processor/role",
	"sharing/recipient/name", "sharing/recipient/when", "sharing/recipient/description",
	"communication/channel/name", "communication/channel/security",
	"security/measure", "minors/description",
	NULL
};

static void
voice_check(lint *l, xmlNodePtr el)
{
	char word[16];
	const char *parties = practice_attr(el, "parties");
	if (parties) {
		if (find_pronoun(parties, word, sizeof word))
			block(l, el, "parties", "the third-person form says \"%s\"; agreements and the "
			    "register print it, and documents between parties speak of \"de praktijk\", "
			    "\"de cliënt\" (no ik, je, u, mijn). Rewrite it in the third person", word);
		return;
	}
	char *t = practice_text(el);
	if (find_pronoun(t, word, sizeof word))
		block(l, el, NULL, "says \"%s\", and agreements and the register print this text: "
		    "documents between parties speak in the third person (\"de praktijk\", \"de "
		    "cliënt\"), never ik, je, u or mijn. Add parties=\"...\" with the same text in the "
		    "third person, or write it so that it reads right in every document", word);
	free(t);
}

/* Walks path (a/b/c) below node and checks every element it reaches. */
static void
voice_walk(lint *l, xmlNodePtr node, const char *path)
{
	const char *slash = strchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : strlen(path);
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)len, path);
	for (xmlNodePtr c = practice_child(node, name); c; c = practice_next(c, name)) {
		if (slash)
			voice_walk(l, c, slash + 1);
		else
			voice_check(l, c);
	}
}

/* Agreements and the register are between parties: a free text they
 * print in ik/je/u form needs a third-person @parties form. */
static void
lint_voice(lint *l, xmlNodePtr root)
{
	for (int i = 0; party_texts[i]; i++)
		voice_walk(l, root, party_texts[i]);
}

static int
run(const practice *p, int blocking_only, diag_severity sev, diag *d)
{
	lint l = { p, d, blocking_only, sev, 0, 0 };
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
	lint_voice(&l, root);
	return l.nblock;
}

int
practice_lint(const practice *p, diag *d)
{
	return run(p, 0, DIAG_WARNING, d);
}

int
practice_lint_blocking(const practice *p, diag_severity sev, diag *d)
{
	return run(p, 1, sev, d);
}
