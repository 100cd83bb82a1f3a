/* clientpw — `zorgdoc client password ID --generate [--replace] | --show`:
 * the client's random PDF password (issue 6 item 5), for zorgnota's
 * protected with `invoice render --protect` / `invoice batch --protect`.
 * --generate prints the new password once, to be given to the client by
 * another channel (phone, letter); --show prints it again and leaves an
 * audit entry. The password is printed on stdout only, never in errors. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/check.h"
#include "cmd.h"
#include "storecmd.h"

enum { O_DB, O_GENERATE, O_REPLACE, O_SHOW, O__MAX };

int
cmd_client_password(int argc, char **argv, diag *d)
{
	cmd_opt o[O__MAX] = {
		[O_DB] = { .name = "db", .takes_value = 1 },
		[O_GENERATE] = { .name = "generate" },
		[O_REPLACE] = { .name = "replace" },
		[O_SHOW] = { .name = "show" },
	};
	const char **pos = NULL;
	size_t npos = 0;
	int status = EXIT_USAGE, rc;
	store *s = NULL;
	char *pw = NULL;
	int64_t id = 0;
	if (cmd_opts_parse(argc, argv, 2, o, O__MAX, &pos, &npos, d) != 0)
		goto out;
	if (npos != 1 || check_id(pos[0], &id) != 0) {
		diag_error(d, NULL, 0, 0, "client password needs one client id");
		goto out;
	}
	int gen = o[O_GENERATE].value != NULL, show = o[O_SHOW].value != NULL;
	if (gen == show || (o[O_REPLACE].value && !gen)) {
		diag_error(d, NULL, 0, 0, "client password needs --generate [--replace] or --show");
		goto out;
	}
	if (!(s = cmd_store_open(o[O_DB].value, d))) {
		status = EXIT_STORE;
		goto out;
	}
	if ((rc = store_begin(s, d)) == STORE_OK) {
		if (gen)
			rc = store_client_password_generate(s, id, o[O_REPLACE].value != NULL, &pw, d);
		else if ((rc = store_client_password_get(s, id, &pw, d)) == STORE_OK)
			rc = store_audit(s, "show", "client_password", id, d);
		if (rc == STORE_OK)
			rc = store_commit(s, d);
	}
	if (rc == STORE_OK)
		printf("%s\n", pw);
	status = cmd_store_exit(rc);
out:
	if (pw) {
		sodium_memzero(pw, strlen(pw));
		free(pw);
	}
	store_free(s);
	cmd_opts_free(o, O__MAX, pos);
	return status;
}
