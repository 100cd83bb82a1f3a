/* protect — the qpdf pass on a finished PDF in memory. One rewrite does
 * whatever the file needs:
 *   - repairs the cross-reference table that cairo 1.16 damages when link
 *     tags are used (any qpdf rewrite does);
 *   - sets the catalog's /Lang;
 *   - repairs libharu 2.3's output: its ToUnicode maps are copies of the
 *     encoding CMap (poppler: "Invalid 'begincidrange' operator"), its
 *     file specifications have /Type /F and name the attachment by its
 *     full path; the embedded file gets /Subtype (MIME type) and /Params;
 *   - embeds attachments into cairo's PDFs (cairo 1.16 cannot);
 *   - encrypts with AES-256 (R6), a user password and owner permissions
 *     "print yes, modify no" — libharu's RC4 is never used (SECURITY.md);
 *     or, unencrypted, writes a deterministic /ID so the output is
 *     byte-reproducible.
 * In: a buf holding a PDF. Out: the same buf, rewritten. */
#define _GNU_SOURCE
#include <errno.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "../base/fsio.h"
#include "device.h"

/* Records qpdf's pending error (or `what`) in d; returns -1. The text
 * names the step, never the password. */
static int
qpdf_fail(qpdf_data q, const char *what, diag *d)
{
	const char *detail = NULL;
	if (qpdf_has_error(q)) {
		qpdf_error e = qpdf_get_error(q);
		detail = e ? qpdf_get_error_message_detail(q, e) : NULL;
	}
	return diag_error(d, NULL, 0, 0, "qpdf: %s%s%s", what, detail && *detail ? ": " : "",
	    detail ? detail : "");
}

/* A ToUnicode map for 2-byte codes that are Unicode BMP code points (how
 * libharu's UTF-8 fonts encode text), surrogates left out. */
static void
identity_tounicode(buf *b)
{
	buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int n = 0;
	for (int hi = 0; hi < 256; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)
			continue;
		if (n % 100 == 0)
			buf_printf(b, "%s%d beginbfrange\n", n ? "endbfrange\n" : "",
			    (256 - 8 - n) < 100 ? 256 - 8 - n : 100);
		buf_printf(b, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
		n++;
	}
	buf_puts(b, "endbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

static void
fix_fonts(qpdf_data q)
{
	buf map = BUF_INIT;
	int npages = qpdf_get_num_pages(q);
	for (int p = 0; p < npages; p++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)p);
		qpdf_oh fonts = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Resources"), "/Font");
		if (!qpdf_oh_is_dictionary(q, fonts))
			continue;
		/* Collect the font keys first: the key iterator is global. */
		char *keys[64];
		int nk = 0;
		qpdf_oh_begin_dict_key_iter(q, fonts);
		while (nk < 64 && qpdf_oh_dict_more_keys(q))
			keys[nk++] = xstrdup(qpdf_oh_dict_next_key(q));
		for (int k = 0; k < nk; k++) {
			qpdf_oh font = qpdf_oh_get_key(q, fonts, keys[k]);
			free(keys[k]);
			if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, font, "/Subtype"), "/Type0"))
				continue;
			qpdf_oh tu = qpdf_oh_get_key(q, font, "/ToUnicode");
			if (!qpdf_oh_is_stream(q, tu))
				continue;
			unsigned char *data = NULL;
			size_t len = 0;
			QPDF_BOOL filtered = QPDF_FALSE;
			if (qpdf_oh_get_stream_data(q, tu, qpdf_dl_generalized, &filtered, &data, &len) ==
				QPDF_SUCCESS && filtered && data &&
			    memmem(data, len, "begincidrange", 13)) {
				if (map.len == 0)
					identity_tounicode(&map);
				qpdf_oh_replace_stream_data(q, tu, (const unsigned char *)map.s, map.len,
				    qpdf_oh_new_null(q), qpdf_oh_new_null(q));
			}
			free(data);
		}
	}
	buf_free(&map);
}

static void
pdf_date(time_t t, char *out, size_t n)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, n, "D:%Y%m%d%H%M%SZ", &tm);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Returns the MIME type for a file name's extension, or NULL. */
static const char *
mime_guess(const char *name)
{
	static const char *const map[][2] = {
		{ ".xml", "application/xml" }, { ".pdf", "application/pdf" },
		{ ".json", "application/json" }, { ".csv", "text/csv" },
		{ ".txt", "text/plain" }, { ".png", "image/png" },
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(dot, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* Gives an embedded file stream its type, MIME subtype and parameters. */
static void
describe_file(qpdf_data q, qpdf_oh ef, const render_attachment *a, size_t size,
    const char *date)
{
	qpdf_oh dict = qpdf_oh_get_dict(q, ef);
	qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/EmbeddedFile"));
	const char *type = a->mime && *a->mime ? a->mime : mime_guess(a->name ? a->name : a->path);
	if (type) {
		char *mime = xasprintf("/%s", type);
		qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, mime));
		free(mime);
	}
	qpdf_oh params = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, params, "/Size", qpdf_oh_new_integer(q, (long long)size));
	qpdf_oh_replace_key(q, params, "/ModDate", qpdf_oh_new_unicode_string(q, date));
	qpdf_oh_replace_key(q, dict, "/Params", params);
}

typedef struct {
	const char *name;
	qpdf_oh spec;
} named_spec;

static int
cmp_named(const void *a, const void *b)
{
	return strcmp(((const named_spec *)a)->name, ((const named_spec *)b)->name);
}

/* Attaches the files of o: for libharu's output, its own attachments get
 * their file name (or the name asked for; libharu uses the whole path), a
 * proper /Filespec and a described embedded file; otherwise the files are
 * read and embedded here. The name tree is written sorted, as PDF asks.
 * Returns 0 or -1 with an error in d. */
static int
attach_files(qpdf_data q, const render_qpdf_opts *o, diag *d)
{
	if (o->nattachments == 0)
		return 0;
	char date[32];
	pdf_date(o->date, date, sizeof date);
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh haru_names = qpdf_oh_get_key(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root,
	    "/Names"), "/EmbeddedFiles"), "/Names");
	if (o->haru && (!qpdf_oh_is_array(q, haru_names) ||
		qpdf_oh_get_array_n_items(q, haru_names) != 2 * (int)o->nattachments))
		return diag_error(d, NULL, 0, 0, "libharu did not embed the attachments");
	named_spec *list = xcalloc(o->nattachments, sizeof *list);
	int rc = 0;
	for (size_t i = 0; i < o->nattachments && rc == 0; i++) {
		const render_attachment *a = &o->attachments[i];
		const char *name = a->name ? a->name : base_name(a->path);
		qpdf_oh spec, ef;
		size_t size = 0;
		if (o->haru) {
			spec = qpdf_oh_get_array_item(q, haru_names, 2 * (int)i + 1);
			ef = qpdf_oh_get_key(q, qpdf_oh_get_key(q, spec, "/EF"), "/F");
			unsigned char *data = NULL;
			QPDF_BOOL filtered = QPDF_FALSE;
			if (!qpdf_oh_is_stream(q, ef) ||
			    qpdf_oh_get_stream_data(q, ef, qpdf_dl_generalized, &filtered, &data, &size) !=
				QPDF_SUCCESS || !filtered) {
				free(data);
				rc = diag_error(d, a->path, 0, 0, "libharu did not embed the attachment");
				break;
			}
			free(data);
		} else {
			char *data;
			if (fsio_read_file(a->path, RENDER_MAX_ATTACHMENT, &data, &size, d) != 0) {
				rc = -1;
				break;
			}
			ef = qpdf_oh_new_stream(q);
			qpdf_oh_replace_stream_data(q, ef, (const unsigned char *)data, size,
			    qpdf_oh_new_null(q), qpdf_oh_new_null(q));
			free(data);
			spec = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
			qpdf_oh efd = qpdf_oh_new_dictionary(q);
			qpdf_oh_replace_key(q, efd, "/F", ef);
			qpdf_oh_replace_key(q, spec, "/EF", efd);
		}
		qpdf_oh_replace_key(q, spec, "/Type", qpdf_oh_new_name(q, "/Filespec"));
		qpdf_oh_replace_key(q, spec, "/F", qpdf_oh_new_unicode_string(q, name));
		qpdf_oh_replace_key(q, spec, "/UF", qpdf_oh_new_unicode_string(q, name));
		describe_file(q, ef, a, size, date);
		list[i] = (named_spec){ name, spec };
	}
	if (rc == 0) {
		qsort(list, o->nattachments, sizeof *list, cmp_named);
		for (size_t i = 1; i < o->nattachments && rc == 0; i++)
			if (strcmp(list[i - 1].name, list[i].name) == 0)
				rc = diag_error(d, NULL, 0, 0, "two attachments are named '%s'",
				    list[i].name);
	}
	if (rc == 0) {
		qpdf_oh arr = qpdf_oh_new_array(q);
		for (size_t i = 0; i < o->nattachments; i++) {
			qpdf_oh_append_item(q, arr, qpdf_oh_new_unicode_string(q, list[i].name));
			qpdf_oh_append_item(q, arr, list[i].spec);
		}
		qpdf_oh tree = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, tree, "/Names", arr);
		qpdf_oh names = qpdf_oh_get_key(q, root, "/Names");
		if (!qpdf_oh_is_dictionary(q, names)) {
			names = qpdf_oh_new_dictionary(q);
			qpdf_oh_replace_key(q, root, "/Names", names);
		}
		qpdf_oh_replace_key(q, names, "/EmbeddedFiles", tree);
	}
	free(list);
	return rc;
}

/* Fills owner with a random password nobody knows (hex), so the user
 * password opens the file with the permissions below, never full rights. */
static int
random_owner(char *owner, size_t n, diag *d)
{
	unsigned char rnd[24];
	size_t got = 0;
	while (got < sizeof rnd) {
		ssize_t r = getrandom(rnd + got, sizeof rnd - got, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return diag_error(d, NULL, 0, 0, "no random bytes for the owner password");
		}
		got += (size_t)r;
	}
	for (size_t i = 0; i < sizeof rnd && 2 * i + 2 < n; i++)
		snprintf(owner + 2 * i, 3, "%02x", rnd[i]);
	return 0;
}

int
render_qpdf_rewrite(buf *pdf, const render_qpdf_opts *o, diag *d)
{
	char owner[64] = "";
	if (o->password && random_owner(owner, sizeof owner, d) != 0)
		return -1;
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	int rc = 0;
	if (qpdf_read_memory(q, "pdf", pdf->s, pdf->len, NULL) & QPDF_ERRORS) {
		rc = qpdf_fail(q, "cannot read the PDF", d);
		goto out;
	}
	if (o->lang)
		qpdf_oh_replace_key(q, qpdf_get_root(q), "/Lang", qpdf_oh_new_unicode_string(q, o->lang));
	if (o->haru)
		fix_fonts(q);
	if (attach_files(q, o, d) != 0) {
		rc = -1;
		goto out;
	}
	if (qpdf_has_error(q)) {
		rc = qpdf_fail(q, "cannot update the PDF", d);
		goto out;
	}
	if (qpdf_init_write_memory(q) & QPDF_ERRORS) {
		rc = qpdf_fail(q, "cannot start writing", d);
		goto out;
	}
	qpdf_set_suppress_original_object_IDs(q, QPDF_TRUE);
	if (o->password) {
		qpdf_set_r6_encryption_parameters2(q, o->password, owner,
		    QPDF_TRUE,  /* accessibility (screen readers) */
		    QPDF_TRUE,  /* extract text and images */
		    QPDF_FALSE, /* assemble */
		    QPDF_FALSE, /* annotate and fill forms */
		    QPDF_FALSE, /* fill forms */
		    QPDF_FALSE, /* modify anything else */
		    qpdf_r3p_full, QPDF_TRUE);
	} else {
		/* /ID from the content: identical input, identical bytes. */
		qpdf_set_deterministic_ID(q, QPDF_TRUE);
	}
	if (qpdf_write(q) & QPDF_ERRORS) {
		rc = qpdf_fail(q, "cannot write the PDF", d);
		goto out;
	}
	size_t n = qpdf_get_buffer_length(q);
	const unsigned char *b = qpdf_get_buffer(q);
	if (!b || n == 0) {
		rc = qpdf_fail(q, "wrote nothing", d);
		goto out;
	}
	buf_reset(pdf);
	buf_append(pdf, b, n);
out:
	qpdf_cleanup(&q);
	memset(owner, 0, sizeof owner);
	return rc;
}
