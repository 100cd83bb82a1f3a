/* manifest — DIR/manifest.tsv, what regen knows about the set it made:
 * tab-separated lines, a key first (format in docs/regen.md):
 *
 *   zorgdoc-regen  1
 *   engine         zorgdoc 0.1.0
 *   version        2023.11          the published version of the set
 *   effective      2023-11-14
 *   model          <sha256>         canonical model without version/date
 *   locale         nl
 *   published      2023.10          one line per published version, in order
 *   out            NAME KIND ITEM FORMAT DOCVERSION DOCEFFECTIVE PREVVERSION
 *                  PARTS_SHA INPUT_SHA OUTPUT_SHA DEPS
 *
 * Written atomically and last, so a manifest always describes a complete
 * set. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../base/buf.h"
#include "../base/fsio.h"
#include "regen_int.h"

#define MANIFEST_MAX (4u * 1024u * 1024u)

void
regen_sha(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)data, len);
	for (size_t i = 0; i < sizeof h; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

int
regen_sha_file(const char *path, char out[65])
{
	diag ignore = DIAG_INIT;
	char *data = NULL;
	size_t len = 0;
	int r = fsio_read_file(path, 256u * 1024u * 1024u, &data, &len, &ignore);
	diag_free(&ignore);
	if (r != 0)
		return -1;
	regen_sha(data, len, out);
	free(data);
	return 0;
}

static char *
field(char **p)
{
	char *s = *p;
	if (!s)
		return NULL;
	char *t = strchr(s, '\t');
	if (t) {
		*t = '\0';
		*p = t + 1;
	} else {
		*p = NULL;
	}
	return xstrdup(s);
}

int
manifest_load(const char *path, manifest *m, diag *d)
{
	memset(m, 0, sizeof *m);
	FILE *fp = fopen(path, "r");
	if (!fp) {
		if (errno == ENOENT)
			return 0;
		return diag_error(d, path, 0, 0, "cannot read the manifest: %s", strerror(errno));
	}
	char *data = NULL;
	size_t len = 0;
	fclose(fp);
	if (fsio_read_file(path, MANIFEST_MAX, &data, &len, d) != 0)
		return -1;
	int lineno = 0, ok = 1;
	for (char *line = data, *next; line && *line; line = next) {
		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *rest = line;
		char *key = field(&rest);
		if (lineno == 1) {
			ok = strcmp(key, "zorgdoc-regen") == 0 && rest && strcmp(rest, "1") == 0;
			free(key);
			if (!ok)
				break;
			continue;
		}
		if (strcmp(key, "out") == 0) {
			manifest_out o = { 0 };
			char **f[] = { &o.name, &o.kind, &o.item, &o.format, &o.docversion,
				&o.doceffective, &o.prevversion, &o.parts_sha, &o.input_sha,
				&o.output_sha, &o.deps };
			for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
				*f[i] = field(&rest);
			if (!o.deps) {
				for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
					free(*f[i]);
				free(key);
				ok = 0;
				break;
			}
			m->outs = xrealloc(m->outs, (m->nouts + 1) * sizeof *m->outs);
			m->outs[m->nouts++] = o;
		} else if (strcmp(key, "published") == 0 && rest) {
			m->published = xrealloc(m->published, (m->npublished + 1) * sizeof *m->published);
			m->published[m->npublished++] = xstrdup(rest);
		} else {
			char **slot = strcmp(key, "engine") == 0 ? &m->engine :
			    strcmp(key, "version") == 0 ? &m->version :
			    strcmp(key, "effective") == 0 ? &m->effective :
			    strcmp(key, "model") == 0 ? &m->model_sha :
			    strcmp(key, "locale") == 0 ? &m->locale : NULL;
			if (slot && rest) {
				free(*slot);
				*slot = xstrdup(rest);
			}
		}
		free(key);
	}
	free(data);
	if (!ok || !m->version || !m->model_sha || !m->effective) {
		manifest_clear(m);
		return diag_error(d, path, lineno, 0, "not a zorgdoc regen manifest, or damaged "
		    "(remove it to rebuild everything)");
	}
	return 1;
}

int
manifest_save(const char *path, const manifest *m, diag *d)
{
	buf b = BUF_INIT;
	buf_printf(&b, "zorgdoc-regen\t1\nengine\t%s\nversion\t%s\neffective\t%s\nmodel\t%s\nlocale\t%s\n",
	    m->engine, m->version, m->effective, m->model_sha, m->locale);
	for (size_t i = 0; i < m->npublished; i++)
		buf_printf(&b, "published\t%s\n", m->published[i]);
	for (size_t i = 0; i < m->nouts; i++) {
		const manifest_out *o = &m->outs[i];
		buf_printf(&b, "out\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", o->name, o->kind,
		    o->item, o->format, o->docversion, o->doceffective, o->prevversion,
		    o->parts_sha, o->input_sha, o->output_sha, o->deps);
	}
	int r = fsio_write_file(path, b.s, b.len, FSIO_REPLACE, d);
	buf_free(&b);
	return r;
}

const manifest_out *
manifest_find(const manifest *m, const char *name)
{
	for (size_t i = 0; i < m->nouts; i++)
		if (strcmp(m->outs[i].name, name) == 0)
			return &m->outs[i];
	return NULL;
}

void
manifest_clear(manifest *m)
{
	if (!m)
		return;
	free(m->engine);
	free(m->version);
	free(m->effective);
	free(m->model_sha);
	free(m->locale);
	for (size_t i = 0; i < m->npublished; i++)
		free(m->published[i]);
	free(m->published);
	for (size_t i = 0; i < m->nouts; i++) {
		manifest_out *o = &m->outs[i];
		free(o->name);
		free(o->kind);
		free(o->item);
		free(o->format);
		free(o->docversion);
		free(o->doceffective);
		free(o->prevversion);
		free(o->parts_sha);
		free(o->input_sha);
		free(o->output_sha);
		free(o->deps);
	}
	free(m->outs);
	memset(m, 0, sizeof *m);
}
