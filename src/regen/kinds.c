/* kinds — the table of document kinds regen makes. Adding a document
 * kind is one row here: its template, output name and formats, and the
 * parts of the practice model it depends on (top-level element names of
 * practice.xml; `policy` is the form of address only — the version and
 * date are handled per document). A row whose template is not installed
 * is skipped, so a kind can be listed before its template lands.
 *
 * Dependencies were read off the templates (grep for p:ELEMENT in the
 * template and the partials it imports); see docs/regen.md. When a
 * template starts using another part of the model, add it here: a part
 * too many only rebuilds more often, a part too few leaves a stale
 * document. */
#include <stddef.h>

#include "regen_int.h"

/* Everything practice-common.xsl reads for the frame of every document
 * (letterhead, footer, passages that may replace any section). */
#define COMMON_PARTS "policy identity passages"

const regen_kind regen_kinds[] = {
	{
		.kind = "privacyverklaring",
		.file = "privacyverklaring",
		.tmpl = "privacy.xsl",
		.toc_id = "privacy.toc",
		.formats = "pdf html txt",
		.parts = COMMON_PARTS " purposes data dossier retention processors sharing "
		         "communication security cookies rights zorgnota tariffs invoicing minors",
		.changes = 1,
	},
	{
		/* one agreement per processor, the practice as controller */
		.kind = "verwerkersovereenkomst",
		.file = "verwerkersovereenkomst-%s",
		.tmpl = "dpa.xsl",
		.toc_id = "dpa.toc",
		.formats = "pdf",
		.parts = COMMON_PARTS " purposes data dossier retention communication security "
		         "minors processor-agreement",
		.per = "processors/processor",
		.per_param = "processor",
	},
	{
		/* the practice as processor of its clients (seed BioBalans): the
		 * agreement with blanks for the client; filled in per client by
		 * regen --notify */
		.kind = "verwerkersovereenkomst-client",
		.file = "verwerkersovereenkomst-client",
		.tmpl = "dpa.xsl",
		.toc_id = "dpa.toc",
		.formats = "pdf",
		.parts = COMMON_PARTS " purposes data dossier retention processors communication "
		         "security minors processor-agreement",
		.when = "processor-agreement/@practice-role=processor",
	},
	{
		.kind = "verwerkingsregister",
		.file = "verwerkingsregister",
		.tmpl = "register.xsl",
		.toc_id = "register.toc",
		.formats = "pdf",
		.parts = COMMON_PARTS " purposes data retention processors sharing "
		         "communication security processor-agreement",
	},
};

const size_t regen_nkinds = sizeof regen_kinds / sizeof regen_kinds[0];
