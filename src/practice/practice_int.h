/* practice_int — what practice.c, check.c (semantic checks) and lint.c
 * share inside src/practice: the practice struct, locating nodes in the
 * source text (line and column), and small tree helpers. Not for use
 * outside src/practice. */
#ifndef ZORGDOC_PRACTICE_INT_H
#define ZORGDOC_PRACTICE_INT_H

#include "practice.h"

struct practice {
	char *path;
	xmlDocPtr doc;
	char *src;        /* the file's bytes, for columns */
	size_t srclen;
	practice_identity ident;
	practice_policy policy;
	practice_invoicing inv;
	practice_zorgnota nota;
	int has_inv;
	practice_tariff *tariffs;
	size_t ntariffs;
	char **strs;      /* strings the accessors hand out */
	size_t nstrs, capstrs;
};

/* Where a node (or one of its attributes, when attr is not NULL) starts
 * in the source: 1-based line and column (in characters). */
void practice_locate(const char *src, size_t len, xmlNodePtr node,
    const char *attr, int *line, int *col);
/* Element path like "identity/contact/email" (without the root); owned. */
char *practice_node_path(xmlNodePtr node);
/* Is node an element of our namespace named `name`? */
int practice_is(xmlNodePtr node, const char *name);
/* First child element with this name, or NULL (borrowed). */
xmlNodePtr practice_child(xmlNodePtr node, const char *name);
/* Next sibling element with this name after `node`, or NULL. */
xmlNodePtr practice_next(xmlNodePtr node, const char *name);
/* Attribute value as a borrowed string from the tree, or NULL. Only
 * plain text attribute values (no entity references exist: DOCTYPE is
 * refused). */
const char *practice_attr(xmlNodePtr node, const char *name);
/* Text content of an element, trimmed; owned (free()); "" when empty. */
char *practice_text(xmlNodePtr node);

/* Semantic checks of a schema-checked (or not) document; errors into d.
 * Returns the number of errors added. */
int practice_check_semantics(const char *path, const char *src, size_t len,
    xmlDocPtr doc, diag *d);

/* At most this many problems are reported per file. */
#define PRACTICE_MAX_REPORTS 200

/* Adds an error / warning located at node (or its attribute) with a
 * message prefixed by the element path. */
void practice_report(diag *d, diag_severity sev, const char *path,
    const char *src, size_t len, xmlNodePtr node, const char *attr,
    const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* rnginfo.c: reading the schema to phrase validation errors precisely.
 * sdoc is the parsed schema/practice.rng. */
/* The schema's <element> pattern for an element of a practice file, or
 * NULL (borrowed, from sdoc). */
xmlNodePtr rnginfo_def(xmlDocPtr sdoc, xmlNodePtr node);
/* Required child elements of def that inst lacks, as "<a>, <b>" (owned),
 * or NULL when none is missing. */
char *rnginfo_missing_children(xmlDocPtr sdoc, xmlNodePtr def, xmlNodePtr inst);
/* Does def allow a child element with this name anywhere? */
int rnginfo_allows_child(xmlDocPtr sdoc, xmlNodePtr def, const char *name);
enum { RNGINFO_ATTR_MISSING, RNGINFO_ATTR_BADVALUE, RNGINFO_ATTR_UNKNOWN, RNGINFO_ATTR__MAX };
/* Called per problem; `allowed` lists allowed values for BADVALUE. */
typedef void (*rnginfo_attr_fn)(void *ud, const char *attr, int problem, const char *allowed);
/* Allowed text values of an element with enumerated content ("a, b";
 * owned), or NULL when its text is free. */
char *rnginfo_text_values(xmlDocPtr sdoc, xmlNodePtr def);
/* Checks inst's attributes against def: missing required ones, values
 * outside an enumeration, attributes the schema does not know. */
void rnginfo_check_attrs(xmlDocPtr sdoc, xmlNodePtr def, xmlNodePtr inst, rnginfo_attr_fn fn, void *ud);

#endif
