/* ttf-dehint — a build tool: copies a TrueType font without its hinting
 * (the fpgm, prep and cvt programs, the glyphs' instructions, and the
 * tables that only describe hinted rendering: hdmx, LTSH, VDMX) and under
 * another name.
 *
 * Why: zorgdoc never uses hinting (it lays out with hinting off, and PDF
 * viewers scale outlines themselves), but cairo 1.16 copies it into every
 * font subset it embeds: 11 kB of a 26 kB zorgnota, and the zlib work of
 * compressing it, for every invoice of a batch. The outlines, metrics,
 * kerning and OpenType tables are untouched: documents lay out and look
 * the same.
 *
 * Why another name: the Liberation fonts are under the SIL Open Font
 * License with "Liberation" as a Reserved Font Name; a modified copy may
 * not carry it. FROM is replaced by TO in the names (family, full,
 * PostScript, unique id, typographic family); the copyright and license
 * names (0, 13, 14) are kept, as the license requires.
 *
 * usage: ttf-dehint FROM TO IN.ttf OUT.ttf
 * Writes OUT atomically (a temporary file, then rename); exit 1 with a
 * message on a font it cannot read. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FONT (32u << 20)
#define MAX_TABLES 64

typedef struct {
	char tag[5];
	const uint8_t *data; /* into the input, or `own` */
	uint32_t len;
	uint8_t *own;        /* rebuilt tables (owned) */
} table;

static const char *prog_in;

static int
fail(const char *msg)
{
	fprintf(stderr, "ttf-dehint: %s: %s\n", prog_in, msg);
	return -1;
}

static uint16_t
u16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
u32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t
checksum(const uint8_t *p, uint32_t len)
{
	uint32_t sum = 0;
	for (uint32_t i = 0; i < len; i += 4) {
		uint8_t w[4] = { 0, 0, 0, 0 };
		memcpy(w, p + i, len - i < 4 ? len - i : 4);
		sum += u32(w);
	}
	return sum;
}

static table *
find(table *t, size_t n, const char *tag)
{
	for (size_t i = 0; i < n; i++)
		if (memcmp(t[i].tag, tag, 4) == 0)
			return &t[i];
	return NULL;
}

/* The length of glyph g (bytes at p, len) without its instructions,
 * written to out (which has room for len bytes); -1 if malformed. */
static long
strip_glyph(const uint8_t *p, uint32_t len, uint8_t *out)
{
	if (len == 0)
		return 0;
	if (len < 10)
		return -1;
	int16_t ncont = (int16_t)u16(p);
	if (ncont >= 0) {
		uint32_t at = 10 + 2u * (uint32_t)ncont;
		if (at + 2 > len)
			return -1;
		uint32_t ilen = u16(p + at);
		if (at + 2 + ilen > len)
			return -1;
		memcpy(out, p, at);
		put16(out + at, 0);
		memcpy(out + at + 2, p + at + 2 + ilen, len - at - 2 - ilen);
		return (long)(len - ilen);
	}
	/* composite: components until one without MORE_COMPONENTS; the
	 * instructions (WE_HAVE_INSTRUCTIONS on the last) follow them */
	uint32_t at = 10;
	for (;;) {
		if (at + 4 > len)
			return -1;
		uint16_t flags = u16(p + at);
		uint32_t next = at + 4 + ((flags & 0x0001) ? 4 : 2);
		if (flags & 0x0008)
			next += 2;
		else if (flags & 0x0040)
			next += 4;
		else if (flags & 0x0080)
			next += 8;
		if (next > len)
			return -1;
		if (!(flags & 0x0020)) {
			memcpy(out, p, next);
			put16(out + at, flags & (uint16_t)~0x0100);
			return (long)next;
		}
		at = next;
	}
}

static int
dehint(const uint8_t *f, size_t flen, const char *from, const char *to, uint8_t **out,
    size_t *outlen)
{
	if (flen < 12 || u32(f) != 0x00010000)
		return fail("not a TrueType font (sfnt version 1.0)");
	size_t n = u16(f + 4);
	if (n == 0 || n > MAX_TABLES || 12 + 16 * n > flen)
		return fail("bad table directory");
	table t[MAX_TABLES];
	size_t nt = 0;
	for (size_t i = 0; i < n; i++) {
		const uint8_t *r = f + 12 + 16 * i;
		uint32_t off = u32(r + 8), len = u32(r + 12);
		if (off > flen || len > flen - off)
			return fail("a table lies outside the file");
		static const char *drop[] = { "fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX", "DSIG" };
		int dropped = 0;
		for (size_t k = 0; k < sizeof drop / sizeof drop[0]; k++)
			dropped |= memcmp(r, drop[k], 4) == 0;
		if (dropped)
			continue;
		memcpy(t[nt].tag, r, 4);
		t[nt].tag[4] = '\0';
		t[nt].data = f + off;
		t[nt].len = len;
		t[nt].own = NULL;
		nt++;
	}
	table *head = find(t, nt, "head"), *maxp = find(t, nt, "maxp"), *loca = find(t, nt, "loca"),
	      *glyf = find(t, nt, "glyf"), *name = find(t, nt, "name");
	if (!head || head->len < 54 || !maxp || maxp->len < 32 || !loca || !glyf || !name)
		return fail("head, maxp (1.0), loca, glyf or name missing");
	int longloca = (int16_t)u16(head->data + 50) == 1;
	uint32_t ng = u16(maxp->data + 4);
	if (loca->len < (ng + 1) * (longloca ? 4u : 2u))
		return fail("loca too short");

	/* glyf and loca without instructions */
	uint8_t *g = calloc(glyf->len + 4 * (ng + 1), 1);
	uint8_t *l = calloc(ng + 1, longloca ? 4 : 2);
	if (!g || !l)
		return fail("out of memory");
	uint32_t pos = 0;
	for (uint32_t i = 0; i < ng; i++) {
		uint32_t a = longloca ? u32(loca->data + 4 * i) : 2u * u16(loca->data + 2 * i);
		uint32_t b = longloca ? u32(loca->data + 4 * i + 4) : 2u * u16(loca->data + 2 * i + 2);
		if (b < a || b > glyf->len)
			return fail("bad loca entry");
		if (longloca)
			put32(l + 4 * i, pos);
		else
			put16(l + 2 * i, pos / 2);
		long m = strip_glyph(glyf->data + a, b - a, g + pos);
		if (m < 0)
			return fail("malformed glyph");
		pos += (uint32_t)m;
		while (pos % 4)
			g[pos++] = 0;
	}
	if (longloca)
		put32(l + 4 * ng, pos);
	else if (pos / 2 > 0xffff)
		return fail("glyf too large for short loca");
	else
		put16(l + 2 * ng, pos / 2);
	glyf->own = g;
	glyf->data = g;
	glyf->len = pos;
	loca->own = l;
	loca->data = l;
	loca->len = (ng + 1) * (longloca ? 4u : 2u);

	/* maxp: no instructions; head: checksum adjustment recomputed below */
	uint8_t *mp = malloc(maxp->len), *hd = malloc(head->len);
	if (!mp || !hd)
		return fail("out of memory");
	memcpy(mp, maxp->data, maxp->len);
	put16(mp + 26, 0); /* maxSizeOfInstructions */
	maxp->own = mp;
	maxp->data = mp;
	memcpy(hd, head->data, head->len);
	put32(hd + 8, 0);
	head->own = hd;
	head->data = hd;

	/* name: FROM -> TO in names 1, 3, 4, 6, 16, 17 */
	const uint8_t *nd = name->data;
	if (name->len < 6)
		return fail("name table too short");
	if (u16(nd) != 0)
		return fail("name table format 1 (language tags) not handled");
	uint32_t count = u16(nd + 2), soff = u16(nd + 4);
	if (6 + 12 * count > name->len || soff > name->len)
		return fail("bad name table");
	size_t cap = 6 + 12 * (size_t)count + 4 * (size_t)(name->len - soff) + 64 * count;
	uint8_t *nn = calloc(cap, 1);
	if (!nn)
		return fail("out of memory");
	memcpy(nn, nd, 6 + 12 * (size_t)count);
	size_t sp = 0, sbase = 6 + 12 * (size_t)count;
	put16(nn + 4, (uint32_t)sbase);
	size_t fl = strlen(from), tl = strlen(to);
	for (uint32_t i = 0; i < count; i++) {
		uint8_t *r = nn + 6 + 12 * i;
		uint32_t pid = u16(r), nid = u16(r + 6), len = u16(r + 8), off = u16(r + 10);
		if (soff + off + len > name->len)
			return fail("a name lies outside the name table");
		const uint8_t *s = nd + soff + off;
		int ren = nid == 1 || nid == 3 || nid == 4 || nid == 6 || nid == 16 || nid == 17;
		int wide = pid == 0 || pid == 3; /* UTF-16BE; Mac Roman otherwise */
		size_t start = sp;
		for (uint32_t k = 0; k < len;) {
			size_t unit = wide ? 2 : 1;
			int hit = ren && (len - k) >= fl * unit;
			for (size_t c = 0; hit && c < fl; c++)
				hit = (!wide || s[k + c * 2] == 0) && s[k + c * unit + unit - 1] == (uint8_t)from[c];
			if (hit) {
				for (size_t c = 0; c < tl; c++) {
					if (wide)
						nn[sbase + sp++] = 0;
					nn[sbase + sp++] = (uint8_t)to[c];
				}
				k += (uint32_t)(fl * unit);
			} else {
				for (size_t c = 0; c < unit && k < len; c++)
					nn[sbase + sp++] = s[k++];
			}
		}
		if (sp - start > 0xffff || sbase + sp > 0xffff)
			return fail("names too long");
		put16(r + 8, (uint32_t)(sp - start));
		put16(r + 10, (uint32_t)start);
	}
	name->own = nn;
	name->data = nn;
	name->len = (uint32_t)(sbase + sp);

	/* write: directory in tag order, tables 4-byte aligned */
	for (size_t i = 1; i < nt; i++)
		for (size_t j = i; j > 0 && memcmp(t[j - 1].tag, t[j].tag, 4) > 0; j--) {
			table tmp = t[j];
			t[j] = t[j - 1];
			t[j - 1] = tmp;
		}
	size_t total = 12 + 16 * nt;
	for (size_t i = 0; i < nt; i++)
		total += (t[i].len + 3u) & ~3u;
	uint8_t *o = calloc(total, 1);
	if (!o)
		return fail("out of memory");
	uint32_t es = 0;
	while ((2u << es) <= nt)
		es++;
	put32(o, 0x00010000);
	put16(o + 4, (uint32_t)nt);
	put16(o + 6, (1u << es) * 16);
	put16(o + 8, es);
	put16(o + 10, (uint32_t)nt * 16 - (1u << es) * 16);
	size_t at = 12 + 16 * nt, headat = 0;
	for (size_t i = 0; i < nt; i++) {
		uint8_t *r = o + 12 + 16 * i;
		memcpy(r, t[i].tag, 4);
		put32(r + 4, checksum(t[i].data, t[i].len));
		put32(r + 8, (uint32_t)at);
		put32(r + 12, t[i].len);
		memcpy(o + at, t[i].data, t[i].len);
		if (memcmp(t[i].tag, "head", 4) == 0)
			headat = at;
		at += (t[i].len + 3u) & ~3u;
	}
	put32(o + headat + 8, 0xB1B0AFBAu - checksum(o, (uint32_t)total));
	for (size_t i = 0; i < nt; i++)
		free(t[i].own);
	*out = o;
	*outlen = total;
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: ttf-dehint FROM TO IN.ttf OUT.ttf\n");
		return 2;
	}
	prog_in = argv[3];
	FILE *in = fopen(argv[3], "rb");
	if (!in)
		return fail("cannot open"), 1;
	uint8_t *f = malloc(MAX_FONT);
	size_t flen = f ? fread(f, 1, MAX_FONT, in) : 0;
	int bad = !f || ferror(in) || !feof(in);
	fclose(in);
	if (bad)
		return fail("cannot read (or larger than 32 MiB)"), 1;
	uint8_t *o = NULL;
	size_t olen = 0;
	if (dehint(f, flen, argv[1], argv[2], &o, &olen) != 0)
		return 1;
	size_t tl = strlen(argv[4]) + 8;
	char *tmp = malloc(tl);
	if (!tmp)
		return 1;
	snprintf(tmp, tl, "%s.tmp", argv[4]);
	FILE *out = fopen(tmp, "wb");
	if (!out || fwrite(o, 1, olen, out) != olen || fclose(out) != 0 ||
	    rename(tmp, argv[4]) != 0) {
		remove(tmp);
		fprintf(stderr, "ttf-dehint: %s: cannot write\n", argv[4]);
		return 1;
	}
	free(tmp);
	free(o);
	free(f);
	return 0;
}
