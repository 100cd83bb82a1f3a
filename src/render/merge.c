/* merge — see merge.h. A small PDF writer of our own around libqpdf's
 * reader: qpdf's own page copying keeps every source open and every copied
 * object in memory until the end, and re-compresses every stream; for
 * 10,000 zorgnota's that was hundreds of MiB and most of a batch's time.
 *
 * Output layout: object 1 the catalog, 2 the page tree (one /Kids array),
 * then each source's objects as they are reached from its pages,
 * renumbered; a classic cross-reference table; the trailer with /ID. */
#define _GNU_SOURCE
#include "merge.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <qpdf/qpdf-c.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/fsio.h"

/* Largest source file read (a zorgnota is ~30 KiB). */
#define RENDER_MERGE_MAX_SOURCE (64u * 1024u * 1024u)

typedef struct {
	fsio_atomic *f;
	buf out;              /* pending bytes, flushed in large writes */
	uint64_t pos;         /* offset of out's first byte in the file */
	uint64_t *offsets;    /* by object number (1-based; [0] unused) */
	size_t nobj, capobj;
	int *kids;            /* page object numbers */
	size_t nkids, capkids;
	/* per source: source object id -> our number (0: not yet) */
	int *map;
	size_t capmap;
	int *todo;            /* source (id, generation) pairs reached but not
	                         yet written */
	size_t ntodo, captodo;
	qpdf_data q;
	const char *src;      /* the source's path, for messages */
	int failed;
} merger;

static void
m_flush(merger *m)
{
	if (m->out.len == 0)
		return;
	if (fsio_atomic_write(m->f, m->out.s, m->out.len) != 0)
		m->failed = 1;
	m->pos += m->out.len;
	buf_reset(&m->out);
}

static uint64_t
m_tell(const merger *m)
{
	return m->pos + m->out.len;
}

static int
m_new_object(merger *m)
{
	if (m->nobj + 2 > m->capobj) {
		m->capobj = m->capobj ? 2 * m->capobj : 1024;
		m->offsets = xrealloc(m->offsets, m->capobj * sizeof *m->offsets);
	}
	m->nobj++;
	m->offsets[m->nobj] = 0;
	return (int)m->nobj;
}

/* Makes m->map[id] addressable. */
static void
m_map_grow(merger *m, int id)
{
	if ((size_t)id < m->capmap)
		return;
	size_t cap = m->capmap ? m->capmap : 256;
	while (cap <= (size_t)id)
		cap *= 2;
	m->map = xrealloc(m->map, cap * sizeof *m->map);
	memset(m->map + m->capmap, 0, (cap - m->capmap) * sizeof *m->map);
	m->capmap = cap;
}

/* Our number for source object (id, gen), assigning one (and queueing
 * the object) on first sight. */
static int
m_ref(merger *m, int id, int gen)
{
	if (id <= 0)
		return 0;
	m_map_grow(m, id);
	if (!m->map[id]) {
		m->map[id] = m_new_object(m);
		if (m->ntodo + 2 > m->captodo) {
			m->captodo = m->captodo ? 2 * m->captodo : 256;
			m->todo = xrealloc(m->todo, m->captodo * sizeof *m->todo);
		}
		m->todo[m->ntodo++] = id;
		m->todo[m->ntodo++] = gen;
	}
	return m->map[id];
}

static void m_value(merger *m, qpdf_oh oh, int top);

/* Writes a dictionary's entries, leaving out `skip` (NULL: none). The
 * keys are collected first: qpdf's key iterator is one per qpdf_data. */
static void
m_dict(merger *m, qpdf_oh dict, const char *skip)
{
	char **keys = NULL;
	size_t nk = 0, cap = 0;
	qpdf_oh_begin_dict_key_iter(m->q, dict);
	while (qpdf_oh_dict_more_keys(m->q)) {
		if (nk == cap) {
			cap = cap ? 2 * cap : 16;
			keys = xrealloc(keys, cap * sizeof *keys);
		}
		keys[nk++] = xstrdup(qpdf_oh_dict_next_key(m->q));
	}
	buf_puts(&m->out, "<<");
	for (size_t i = 0; i < nk; i++) {
		if (!(skip && strcmp(keys[i], skip) == 0)) {
			qpdf_oh v = qpdf_oh_get_key(m->q, dict, keys[i]);
			if (!qpdf_oh_is_null(m->q, v) || qpdf_oh_is_indirect(m->q, v)) {
				buf_puts(&m->out, qpdf_oh_unparse(m->q, qpdf_oh_new_name(m->q, keys[i])));
				buf_putc(&m->out, ' ');
				m_value(m, v, 0);
				buf_putc(&m->out, '\n');
			}
		}
		free(keys[i]);
	}
	free(keys);
	buf_puts(&m->out, ">>");
}

/* Writes a value; an indirect object below the top becomes a reference to
 * our number for it. */
static void
m_value(merger *m, qpdf_oh oh, int top)
{
	if (!top && qpdf_oh_is_indirect(m->q, oh)) {
		buf_printf(&m->out, "%d 0 R", m_ref(m, qpdf_oh_get_object_id(m->q, oh),
		    qpdf_oh_get_generation(m->q, oh)));
		return;
	}
	switch (qpdf_oh_get_type_code(m->q, oh)) {
	case ot_dictionary:
		m_dict(m, oh, NULL);
		break;
	case ot_array: {
		int n = qpdf_oh_get_array_n_items(m->q, oh);
		buf_putc(&m->out, '[');
		for (int i = 0; i < n; i++) {
			if (i)
				buf_putc(&m->out, ' ');
			m_value(m, qpdf_oh_get_array_item(m->q, oh, i), 0);
		}
		buf_putc(&m->out, ']');
		break;
	}
	case ot_null:
	case ot_boolean:
	case ot_integer:
	case ot_real:
	case ot_string:
	case ot_name:
		buf_puts(&m->out, qpdf_oh_unparse(m->q, oh));
		break;
	case ot_stream:        /* a stream is always an indirect object */
	case ot_uninitialized:
	case ot_reserved:
	case ot_operator:
	case ot_inlineimage:
	case ot_unresolved:
	case ot_destroyed:
	default:
		buf_puts(&m->out, "null");
		break;
	}
}

/* Writes source object (id, gen) as our object number `num`. */
static int
m_object(merger *m, int id, int gen, int num, diag *d)
{
	qpdf_oh oh = qpdf_get_object_by_id(m->q, id, gen);
	m->offsets[num] = m_tell(m);
	buf_printf(&m->out, "%d 0 obj\n", num);
	if (qpdf_oh_is_stream(m->q, oh)) {
		unsigned char *data = NULL;
		size_t len = 0;
		if (qpdf_oh_get_stream_data(m->q, oh, qpdf_dl_none, NULL, &data, &len) != QPDF_SUCCESS) {
			free(data);
			return diag_error(d, m->src, 0, 0, "cannot merge PDFs: cannot read object %d",
			    id);
		}
		m_dict(m, qpdf_oh_get_dict(m->q, oh), "/Length");
		/* the dictionary ends in ">>": put /Length before it */
		m->out.len -= 2;
		buf_printf(&m->out, "/Length %zu\n>>\nstream\n", len);
		buf_append(&m->out, data, len);
		buf_puts(&m->out, "\nendstream");
		free(data);
	} else {
		m_value(m, oh, 1);
	}
	buf_puts(&m->out, "\nendobj\n");
	if (m->out.len >= 1u << 18)
		m_flush(m);
	return 0;
}

/* ---- the fast path: PDFs as cairo and qpdf write them ----------------
 *
 * A classic cross-reference table, no incremental update, no encryption,
 * a flat page tree without inherited attributes: then objects are copied
 * as bytes, with only their references ("12 0 R") renumbered, which costs
 * a tenth of qpdf's parsing. Anything else (or anything unexpected) makes
 * fp_source return 0 having written nothing, and qpdf does the source. */

typedef struct {
	const char *s;
	size_t n;
	uint64_t *off;        /* by object id; 0: none */
	size_t noff;
} fpdf;

static int
fp_ws(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static int
fp_delim(char c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
	    c == '{' || c == '}' || c == '/' || c == '%';
}

static const char *
fp_skip_ws(const char *p, const char *end)
{
	while (p < end && fp_ws(*p))
		p++;
	return p;
}

/* Reads an unsigned integer token at p; NULL if there is none. */
static const char *
fp_uint(const char *p, const char *end, unsigned long long *v)
{
	const char *q = p;
	unsigned long long x = 0;
	while (q < end && *q >= '0' && *q <= '9' && q - p < 18)
		x = x * 10 + (unsigned long long)(*q++ - '0');
	if (q == p || (q < end && !fp_ws(*q) && !fp_delim(*q)))
		return NULL;
	*v = x;
	return q;
}

/* "ID GEN R" at p: returns the end and the id, else NULL. */
static const char *
fp_ref(const char *p, const char *end, unsigned long long *id)
{
	unsigned long long gen;
	const char *q = fp_uint(p, end, id);
	if (!q)
		return NULL;
	const char *q2 = fp_skip_ws(q, end);
	if (q2 == q || !(q2 = fp_uint(q2, end, &gen)) || gen != 0)
		return NULL;
	const char *r = fp_skip_ws(q2, end);
	if (r == q2 || r >= end || *r != 'R' || (r + 1 < end && !fp_ws(r[1]) && !fp_delim(r[1])))
		return NULL;
	return r + 1;
}

/* The body of object id: from after "id 0 obj" to the end of the file. */
static const char *
fp_body(const fpdf *f, unsigned long long id)
{
	if (id == 0 || id >= f->noff || !f->off[id] || f->off[id] >= f->n)
		return NULL;
	const char *p = f->s + f->off[id], *end = f->s + f->n;
	unsigned long long v, g;
	if (!(p = fp_uint(p, end, &v)) || v != id)
		return NULL;
	p = fp_skip_ws(p, end);
	if (!(p = fp_uint(p, end, &g)) || g != 0)
		return NULL;
	p = fp_skip_ws(p, end);
	if (end - p < 3 || memcmp(p, "obj", 3) != 0)
		return NULL;
	return p + 3;
}

/* The reference after name `key` in the body (first occurrence before
 * "endobj"); 0 if none. */
static unsigned long long
fp_key_ref(const fpdf *f, const char *body, const char *key)
{
	const char *end = f->s + f->n, *stop = memmem(body, (size_t)(end - body), "endobj", 6);
	if (!stop)
		stop = end;  /* the trailer */
	size_t kl = strlen(key);
	for (const char *p = body; p + kl < stop; p++) {
		if (memcmp(p, key, kl) != 0 || (!fp_ws(p[kl]) && !fp_delim(p[kl])))
			continue;
		unsigned long long id;
		if (fp_ref(fp_skip_ws(p + kl, stop), stop, &id))
			return id;
	}
	return 0;
}

/* Does the body (up to endobj) contain name `key` (as a whole name)? */
static int
fp_has_key(const fpdf *f, const char *body, const char *key)
{
	const char *end = f->s + f->n, *stop = memmem(body, (size_t)(end - body), "endobj", 6);
	size_t kl = strlen(key);
	for (const char *p = body; stop && p + kl <= stop; p++)
		if (memcmp(p, key, kl) == 0 && (p + kl == stop || fp_ws(p[kl]) || fp_delim(p[kl])))
			return 1;
	return 0;
}

static int
fp_xref(fpdf *f)
{
	size_t from = f->n > 1024 ? f->n - 1024 : 0;
	const char *end = f->s + f->n, *sx = NULL;
	for (const char *p = f->s + from; (p = memmem(p, (size_t)(end - p), "startxref", 9)); p++)
		sx = p;
	unsigned long long x;
	if (!sx || !fp_uint(fp_skip_ws(sx + 9, end), end, &x) || x + 4 > f->n ||
	    memcmp(f->s + x, "xref", 4) != 0)
		return -1;
	const char *p = fp_skip_ws(f->s + x + 4, end);
	while (p < end && *p >= '0' && *p <= '9') {
		unsigned long long start, count;
		if (!(p = fp_uint(p, end, &start)) || !(p = fp_uint(fp_skip_ws(p, end), end, &count)))
			return -1;
		p = fp_skip_ws(p, end);
		if (count > 1000000 || start + count > 1000000 || (size_t)(end - p) < 20 * count)
			return -1;
		if (start + count > f->noff) {
			f->off = xrealloc(f->off, (size_t)(start + count) * sizeof *f->off);
			memset(f->off + f->noff, 0, (size_t)(start + count - f->noff) * sizeof *f->off);
			f->noff = (size_t)(start + count);
		}
		for (unsigned long long i = 0; i < count; i++, p += 20) {
			if (p[17] == 'n') {
				if (memcmp(p + 11, "00000", 5) != 0)
					return -1;
				f->off[start + i] = strtoull(p, NULL, 10);
			}
		}
		p = fp_skip_ws(p, end);
	}
	if (end - p < 7 || memcmp(p, "trailer", 7) != 0)
		return -1;
	/* no incremental update, no encryption, no cross-reference stream */
	const char *t = p, *te = sx;
	if (memmem(t, (size_t)(te - t), "/Prev", 5) || memmem(t, (size_t)(te - t), "/Encrypt", 8) ||
	    memmem(t, (size_t)(te - t), "/XRefStm", 8))
		return -1;
	return 0;
}

/* Copies the tokens of an object body from p to m->out, renumbering
 * references, up to the keyword "stream" or "endobj" (*kw: 's' or 'e').
 * The stream's /Length (a number or a reference) goes to *len / *lenref.
 * Returns where the keyword starts, or NULL. */
static const char *
fp_copy(merger *m, const char *p, const char *end, char *kw, unsigned long long *len,
    unsigned long long *lenref)
{
	int depth = 0, after_length = 0;
	while (p < end) {
		char c = *p;
		if (fp_ws(c)) {
			buf_putc(&m->out, c == '\0' ? ' ' : c);
			p++;
		} else if (c == '%') {
			while (p < end && *p != '\n' && *p != '\r')
				p++;
		} else if (c == '(') {
			const char *q = p + 1;
			int lvl = 1;
			while (q < end && lvl > 0) {
				if (*q == '\\')
					q++;
				else if (*q == '(')
					lvl++;
				else if (*q == ')')
					lvl--;
				q++;
			}
			if (lvl > 0)
				return NULL;
			buf_append(&m->out, p, (size_t)(q - p));
			p = q;
			after_length = 0;
		} else if (c == '<' && p + 1 < end && p[1] == '<') {
			buf_puts(&m->out, "<<");
			p += 2;
			depth++;
		} else if (c == '>' && p + 1 < end && p[1] == '>') {
			buf_puts(&m->out, ">>");
			p += 2;
			depth--;
		} else if (c == '<') {
			const char *q = memchr(p, '>', (size_t)(end - p));
			if (!q)
				return NULL;
			buf_append(&m->out, p, (size_t)(q + 1 - p));
			p = q + 1;
			after_length = 0;
		} else if (c == '/') {
			const char *q = p + 1;
			while (q < end && !fp_ws(*q) && !fp_delim(*q))
				q++;
			after_length = depth == 1 && q - p == 7 && memcmp(p, "/Length", 7) == 0;
			buf_append(&m->out, p, (size_t)(q - p));
			p = q;
		} else if (c == '[' || c == ']' || c == '{' || c == '}') {
			buf_putc(&m->out, c);
			p++;
			after_length = 0;
		} else if (fp_delim(c)) {
			return NULL;
		} else {
			const char *q = p;
			while (q < end && !fp_ws(*q) && !fp_delim(*q))
				q++;
			unsigned long long id;
			const char *r = c >= '0' && c <= '9' ? fp_ref(p, end, &id) : NULL;
			if (r) {
				buf_printf(&m->out, "%d 0 R", m_ref(m, (int)id, 0));
				if (after_length)
					*lenref = id;
				p = r;
			} else if ((q - p == 6 && memcmp(p, "stream", 6) == 0) ||
			    (q - p == 6 && memcmp(p, "endobj", 6) == 0)) {
				*kw = p[0];
				return p;
			} else {
				if (after_length && fp_uint(p, end, &id))
					*len = id;
				buf_append(&m->out, p, (size_t)(q - p));
				p = q;
			}
			after_length = 0;
		}
	}
	return NULL;
}

/* Copies object id as our number num. 0 or -1 (not for the fast path). */
static int
fp_object(merger *m, const fpdf *f, unsigned long long id, int num)
{
	const char *p = fp_body(f, id), *end = f->s + f->n;
	if (!p)
		return -1;
	m->offsets[num] = m_tell(m);
	buf_printf(&m->out, "%d 0 obj", num);
	char kw = 0;
	unsigned long long len = ULLONG_MAX, lenref = 0;
	if (!(p = fp_copy(m, p, end, &kw, &len, &lenref)))
		return -1;
	if (kw == 'e') {
		buf_puts(&m->out, "endobj\n");
		return 0;
	}
	if (lenref) {
		const char *lp = fp_body(f, lenref);
		if (!lp || !fp_uint(fp_skip_ws(lp, end), end, &len))
			return -1;
	}
	p += 6;
	if (p < end && *p == '\r')
		p++;
	if (p < end && *p == '\n')
		p++;
	if (len == ULLONG_MAX || len > (size_t)(end - p))
		return -1;
	const char *e = fp_skip_ws(p + len, end);
	if (end - e < 9 || memcmp(e, "endstream", 9) != 0)
		return -1;
	buf_puts(&m->out, "stream\n");
	buf_append(&m->out, p, (size_t)len);
	buf_puts(&m->out, "\nendstream\nendobj\n");
	return 0;
}

/* Copies the source in data; 1 done, 0 not for the fast path (nothing
 * written). */
static int
fp_source(merger *m, const char *data, size_t len)
{
	fpdf f = { data, len, NULL, 0 };
	size_t nobj = m->nobj, nkids = m->nkids, outlen = m->out.len;
	int ok = 0;
	if (fp_xref(&f) != 0)
		goto out;
	const char *end = data + len, *t = NULL;
	for (const char *p = data + (len > 1024 ? len - 1024 : 0);
	    (p = memmem(p, (size_t)(end - p), "trailer", 7)); p++)
		t = p;
	unsigned long long root = t ? fp_key_ref(&f, t, "/Root") : 0;
	const char *rb = fp_body(&f, root);
	unsigned long long tree = rb ? fp_key_ref(&f, rb, "/Pages") : 0;
	const char *tb = fp_body(&f, tree);
	if (!tb || fp_has_key(&f, tb, "/Resources") || fp_has_key(&f, tb, "/MediaBox") ||
	    fp_has_key(&f, tb, "/CropBox") || fp_has_key(&f, tb, "/Rotate"))
		goto out;
	const char *k = memmem(tb, (size_t)(end - tb), "/Kids", 5), *stop = memmem(tb,
	    (size_t)(end - tb), "endobj", 6);
	if (!k || !stop || k > stop)
		goto out;
	k = fp_skip_ws(k + 5, stop);
	if (k >= stop || *k != '[')
		goto out;
	if (m->capmap)
		memset(m->map, 0, m->capmap * sizeof *m->map);
	m_map_grow(m, (int)tree);
	m->map[tree] = 2;
	int npages = 0;
	for (k = fp_skip_ws(k + 1, stop); k < stop && *k != ']'; k = fp_skip_ws(k, stop)) {
		unsigned long long id;
		if (!(k = fp_ref(k, stop, &id)) || id >= f.noff)
			goto out;
		const char *pb = fp_body(&f, id);
		if (!pb || fp_has_key(&f, pb, "/Kids"))
			goto out;
		if (m->nkids == m->capkids) {
			m->capkids = m->capkids ? 2 * m->capkids : 1024;
			m->kids = xrealloc(m->kids, m->capkids * sizeof *m->kids);
		}
		m->kids[m->nkids++] = m_ref(m, (int)id, 0);
		npages++;
	}
	if (npages == 0)
		goto out;
	while (m->ntodo > 0) {
		m->ntodo--; /* generation: always 0 here */
		int id = m->todo[--m->ntodo];
		if (fp_object(m, &f, (unsigned long long)id, m->map[id]) != 0)
			goto out;
	}
	ok = 1;
	if (m->out.len >= 1u << 18)
		m_flush(m);
out:
	if (!ok) {
		m->nobj = nobj;
		m->nkids = nkids;
		m->out.len = outlen;
		m->ntodo = 0;
	}
	free(f.off);
	return ok;
}

static int
m_source(merger *m, const char *path, const char *password, diag *d)
{
	m->src = path;
	m->q = qpdf_init();
	qpdf_silence_errors(m->q);
	qpdf_set_suppress_warnings(m->q, QPDF_TRUE);
	int rc = 0;
	/* One read of the whole file: qpdf's own file reading seeks a
	 * thousand times per small PDF. */
	char *data = NULL;
	size_t len = 0;
	if (fsio_read_file(path, RENDER_MERGE_MAX_SOURCE, &data, &len, d) != 0) {
		rc = -1;
		goto out;
	}
	if (!password && fp_source(m, data, len))
		goto out;
	/* qpdf decrypts a protected source: its objects and stream data come
	 * out in the clear */
	if (qpdf_read_memory(m->q, path, data, len, password) & QPDF_ERRORS) {
		rc = diag_error(d, path, 0, 0, "cannot merge PDFs: not a PDF that can be read");
		goto out;
	}
	qpdf_push_inherited_attributes_to_page(m->q);
	if (m->capmap)
		memset(m->map, 0, m->capmap * sizeof *m->map);
	/* Whatever pointed at the source's page tree (a page's /Parent) now
	 * points at ours. */
	qpdf_oh tree = qpdf_oh_get_key(m->q, qpdf_get_root(m->q), "/Pages");
	if (qpdf_oh_is_indirect(m->q, tree)) {
		int tid = qpdf_oh_get_object_id(m->q, tree);
		if (tid > 0) {
			m_map_grow(m, tid);
			m->map[tid] = 2;
		}
	}
	int np = qpdf_get_num_pages(m->q);
	if (np <= 0) {
		rc = diag_error(d, path, 0, 0, "cannot merge PDFs: no pages");
		goto out;
	}
	for (int p = 0; p < np; p++) {
		qpdf_oh page = qpdf_get_page_n(m->q, (size_t)p);
		int num = m_ref(m, qpdf_oh_get_object_id(m->q, page),
		    qpdf_oh_get_generation(m->q, page));
		if (m->nkids == m->capkids) {
			m->capkids = m->capkids ? 2 * m->capkids : 1024;
			m->kids = xrealloc(m->kids, m->capkids * sizeof *m->kids);
		}
		m->kids[m->nkids++] = num;
	}
	while (m->ntodo > 0 && rc == 0) {
		int gen = m->todo[--m->ntodo];
		int id = m->todo[--m->ntodo];
		rc = m_object(m, id, gen, m->map[id], d);
	}
	if (rc == 0 && qpdf_has_error(m->q))
		rc = diag_error(d, path, 0, 0, "cannot merge PDFs: damaged file");
out:
	m->ntodo = 0;
	/* take qpdf's errors (already reported above): an error left pending
	 * makes qpdf_cleanup print a warning */
	while (qpdf_has_error(m->q))
		qpdf_get_error(m->q);
	qpdf_cleanup(&m->q);
	free(data);
	return rc;
}

/* Appends s (UTF-8) as a PDF text string: UTF-16BE with a byte order
 * mark, in hex (no escaping to get wrong). Bytes that are not UTF-8
 * become U+FFFD. */
static void
pdf_text(buf *b, const char *s)
{
	buf_puts(b, "<FEFF");
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned long c = 0xFFFD;
		int n = 0;
		if (p[0] < 0x80) {
			c = p[0];
			n = 1;
		} else if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			c = (unsigned long)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
			n = 2;
		} else if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			c = (unsigned long)(p[0] & 0x0F) << 12 | (unsigned long)(p[1] & 0x3F) << 6 |
			    (p[2] & 0x3F);
			n = 3;
		} else if ((p[0] & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
		    (p[3] & 0xC0) == 0x80) {
			c = (unsigned long)(p[0] & 0x07) << 18 | (unsigned long)(p[1] & 0x3F) << 12 |
			    (unsigned long)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
			n = 4;
		}
		if (n == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
			c = 0xFFFD;
			n = 1;
		}
		if (c >= 0x10000) {
			c -= 0x10000;
			buf_printf(b, "%04lX%04lX", 0xD800 | (c >> 10), 0xDC00 | (c & 0x3FF));
		} else {
			buf_printf(b, "%04lX", c);
		}
		p += n;
	}
	buf_putc(b, '>');
}

/* Writes the outline (one item per source with a bookmark, at its first
 * page) and returns its object number, or 0 when there is none. */
static int
m_outline(merger *m, const render_pdf_meta *meta, const int *first, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; meta && meta->bookmarks && i < n; i++)
		count += meta->bookmarks[i] && first[i];
	if (count == 0)
		return 0;
	int root = m_new_object(m);
	int base = (int)m->nobj + 1;   /* the items follow, in order */
	for (size_t i = 0; i < count; i++)
		m_new_object(m);
	m->offsets[root] = m_tell(m);
	buf_printf(&m->out, "%d 0 obj\n<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %zu>>\n"
	    "endobj\n", root, base, base + (int)count - 1, count);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!meta->bookmarks[i] || !first[i])
			continue;
		int num = base + (int)k;
		m->offsets[num] = m_tell(m);
		buf_printf(&m->out, "%d 0 obj\n<</Title ", num);
		pdf_text(&m->out, meta->bookmarks[i]);
		buf_printf(&m->out, " /Parent %d 0 R", root);
		if (k > 0)
			buf_printf(&m->out, " /Prev %d 0 R", num - 1);
		if (k + 1 < count)
			buf_printf(&m->out, " /Next %d 0 R", num + 1);
		buf_printf(&m->out, " /Dest [%d 0 R /Fit]>>\nendobj\n", first[i]);
		if (m->out.len >= 1u << 18)
			m_flush(m);
		k++;
	}
	return root;
}

/* A language tag as the catalog's /Lang wants it (letters, digits and
 * '-' only; anything else is left out). */
static int
lang_ok(const char *s)
{
	if (!s || !*s || strlen(s) > 35)
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
	return 1;
}

int
render_pdf_merge_file(const char *const *paths, const char *const *passwords, size_t n,
    const render_pdf_meta *meta, const unsigned char id[RENDER_PDF_ID_BYTES], const char *out,
    diag *d)
{
	merger m = { 0 };
	if (!(m.f = fsio_atomic_open(out, FSIO_REPLACE, d)))
		return -1;
	buf_puts(&m.out, "%PDF-1.7\n%\xb5\xed\xae\xfb\n");
	m_new_object(&m); /* 1: catalog */
	m_new_object(&m); /* 2: page tree */
	int rc = 0;
	/* each source's first page, for its bookmark (0: none) */
	int *first = xcalloc(n ? n : 1, sizeof *first);
	for (size_t i = 0; i < n && rc == 0 && !m.failed; i++) {
		size_t k = m.nkids;
		rc = m_source(&m, paths[i], passwords ? passwords[i] : NULL, d);
		if (rc == 0 && m.nkids > k)
			first[i] = m.kids[k];
	}
	if (rc == 0) {
		int outline = m_outline(&m, meta, first, n);
		int info = 0;
		if (meta && meta->title && *meta->title) {
			info = m_new_object(&m);
			m.offsets[info] = m_tell(&m);
			buf_printf(&m.out, "%d 0 obj\n<</Title ", info);
			pdf_text(&m.out, meta->title);
			buf_puts(&m.out, ">>\nendobj\n");
		}
		m.offsets[1] = m_tell(&m);
		buf_puts(&m.out, "1 0 obj\n<</Type /Catalog /Pages 2 0 R");
		if (outline)
			buf_printf(&m.out, " /Outlines %d 0 R /PageMode /UseOutlines", outline);
		if (info)
			buf_puts(&m.out, " /ViewerPreferences <</DisplayDocTitle true>>");
		if (meta && lang_ok(meta->lang))
			buf_printf(&m.out, " /Lang (%s)", meta->lang);
		buf_puts(&m.out, ">>\nendobj\n");
		m.offsets[2] = m_tell(&m);
		buf_puts(&m.out, "2 0 obj\n<</Type /Pages /Count ");
		buf_printf(&m.out, "%zu /Kids [", m.nkids);
		for (size_t i = 0; i < m.nkids; i++) {
			buf_printf(&m.out, "%s%d 0 R", i % 8 ? " " : "\n", m.kids[i]);
			if (m.out.len >= 1u << 18)
				m_flush(&m);
		}
		buf_puts(&m.out, "]>>\nendobj\n");
		uint64_t xref = m_tell(&m);
		buf_printf(&m.out, "xref\n0 %zu\n0000000000 65535 f \n", m.nobj + 1);
		for (size_t i = 1; i <= m.nobj; i++) {
			buf_printf(&m.out, "%010llu 00000 n \n", (unsigned long long)m.offsets[i]);
			if (m.out.len >= 1u << 18)
				m_flush(&m);
		}
		char hex[2 * RENDER_PDF_ID_BYTES + 1];
		for (size_t i = 0; i < RENDER_PDF_ID_BYTES; i++)
			snprintf(hex + 2 * i, 3, "%02x", id[i]);
		buf_printf(&m.out, "trailer\n<</Size %zu /Root 1 0 R", m.nobj + 1);
		if (info)
			buf_printf(&m.out, " /Info %d 0 R", info);
		buf_printf(&m.out, " /ID [<%s> <%s>]>>\nstartxref\n%llu\n%%%%EOF\n", hex, hex,
		    (unsigned long long)xref);
		m_flush(&m);
		if (m.failed)
			rc = -1;
	}
	if (rc == 0)
		rc = fsio_atomic_commit(m.f, d);
	else
		fsio_atomic_abort(m.f);
	buf_free(&m.out);
	free(first);
	free(m.offsets);
	free(m.kids);
	free(m.map);
	free(m.todo);
	return rc;
}

/* Reads up to n bytes at offset; returns how many. */
static size_t
read_at(int fd, void *b, size_t n, off_t off)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(fd, (char *)b + got, n - got, off + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* The file's tail (at most 1 KiB, NUL-terminated, NULs inside turned to
 * spaces) and whether it is a complete PDF; returns the state. */
static render_pdf_state
pdf_tail(const char *path, char *tail, size_t cap)
{
	tail[0] = '\0';
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? RENDER_PDF_MISSING : RENDER_PDF_FOREIGN;
	struct stat st;
	render_pdf_state r = RENDER_PDF_FOREIGN;
	char head[8] = { 0 };
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		goto out;
	if (st.st_size == 0) {
		r = RENDER_PDF_DAMAGED;
		goto out;
	}
	size_t hn = read_at(fd, head, sizeof head, 0);
	if (head[0] == '\0') {
		r = RENDER_PDF_DAMAGED;  /* blocks never written */
		goto out;
	}
	if (hn < 5 || memcmp(head, "%PDF-", 5) != 0)
		goto out;
	r = RENDER_PDF_DAMAGED;
	off_t off = st.st_size > (off_t)(cap - 1) ? st.st_size - (off_t)(cap - 1) : 0;
	size_t tn = read_at(fd, tail, (size_t)(st.st_size - off), off);
	tail[tn] = '\0';
	for (size_t i = 0; i < tn; i++)
		if (tail[i] == '\0')
			tail[i] = ' ';
	size_t e = tn;
	while (e > 0 && (tail[e - 1] == '\n' || tail[e - 1] == '\r' || tail[e - 1] == ' '))
		e--;
	if (e < 5 || memcmp(tail + e - 5, "%%EOF", 5) != 0)
		goto out;
	char *sx = NULL;
	for (char *p = tail; (p = strstr(p, "startxref")); p++)
		sx = p;
	if (!sx)
		goto out;
	char *end;
	unsigned long long x = strtoull(sx + 9, &end, 10);
	if (end == sx + 9 || x >= (unsigned long long)st.st_size)
		goto out;
	char at[24] = { 0 };
	size_t an = read_at(fd, at, sizeof at - 1, (off_t)x);
	at[an] = '\0';
	/* a cross-reference table, or a cross-reference stream object */
	char *p = at;
	while (*p == '\n' || *p == '\r' || *p == ' ')
		p++;
	if (strncmp(p, "xref", 4) == 0 || strstr(p, " obj"))
		r = RENDER_PDF_COMPLETE;
out:
	close(fd);
	return r;
}

render_pdf_state
render_pdf_check(const char *path)
{
	char tail[1025];
	return pdf_tail(path, tail, sizeof tail);
}

int
render_pdf_id_matches(const char *path, const unsigned char id[RENDER_PDF_ID_BYTES])
{
	char tail[1025];
	if (pdf_tail(path, tail, sizeof tail) != RENDER_PDF_COMPLETE)
		return 0;
	char *t = NULL;
	for (char *p = tail; (p = strstr(p, "trailer")); p++)
		t = p;
	char *idp = t ? strstr(t, "/ID [<") : NULL;
	if (!idp)
		return 0;
	idp += 6;
	for (size_t i = 0; i < RENDER_PDF_ID_BYTES; i++) {
		char h[3];
		snprintf(h, sizeof h, "%02x", id[i]);
		if (idp[2 * i] != h[0] || idp[2 * i + 1] != h[1])
			return 0;
	}
	return idp[2 * RENDER_PDF_ID_BYTES] == '>';
}
