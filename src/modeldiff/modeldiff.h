/* modeldiff — the semantic difference between two practice models
 * (urn:zorgdoc:practice:1): processors, purposes, legal bases, data
 * categories and groups, sources, retention, sharing, channels, security
 * measures, cookies, rights, tariffs and passages added, removed or
 * changed, matched by id (rights by type), plus the sections without ids
 * (identity, dossier, minors, ...) as a whole. Changes a client must be
 * told about (GDPR art. 13(3) and the list: new processor or
 * recipient, new purpose, transfer outside the EEA, longer retention, new
 * data category or group of data subjects, minors) are marked material.
 *
 * Out: a change list as XML in the namespace urn:zorgdoc:changes:1 (see
 * docs/regen.md), which templates/changes-text.xsl turns into lines and
 * templates/privacy.xsl into the "Wijzigingen" section. No wording here:
 * only areas, operations, fields and values from the models.
 *
 * Also the canonical form that regen hashes: elements with sorted
 * attributes, whitespace runs collapsed, comments dropped, so that
 * re-indenting a practice file changes nothing.
 *
 * Ownership: modeldiff_run returns an owned document (xmlFreeDoc). */
#ifndef ZORGDOC_MODELDIFF_H
#define ZORGDOC_MODELDIFF_H

#include <libxml/tree.h>

#include "../base/buf.h"
#include "../base/diag.h"

#define MODELDIFF_NS "urn:zorgdoc:changes:1"

/* Appends the canonical form of node n (and its subtree) to out. With
 * skip_policy_version, policy/@version and policy/@effective are left out
 * (what a version says is not content). */
void modeldiff_canon(xmlNodePtr n, int skip_policy_version, buf *out);

/* Writes the hex SHA-256 of the canonical form of the whole model,
 * without the policy version and date, into out[65]. */
void modeldiff_model_sha(xmlDocPtr model, char out[65]);

/* Compares two practice models. Returns an owned <changes> document
 * (root attributes from-version, from-effective, to-version, to-effective,
 * material="yes|no"), or NULL with an error in d when either is not a
 * practice model. */
xmlDocPtr modeldiff_run(xmlDocPtr old_model, xmlDocPtr new_model, diag *d);

/* Returns a copy of changes holding only the change elements whose part
 * (the top-level model element they live in) is listed in parts
 * (space-separated local names; "processors/ID" selects one processor).
 * parts NULL keeps everything. Owned (xmlFreeDoc). */
xmlDocPtr modeldiff_filter(xmlDocPtr changes, const char *parts);

/* Number of change elements in a change list; *material gets the number
 * of material ones (may be NULL). */
int modeldiff_count(xmlDocPtr changes, int *material);

/* Returns an empty change list for a first version (owned). */
xmlDocPtr modeldiff_empty(const char *version, const char *effective);

#endif
