/* paths — see paths.h. */
#define _GNU_SOURCE
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

#ifndef ZORGDOC_DATADIR
#define ZORGDOC_DATADIR "/usr/local/share/zorgdoc"
#endif

static char *datadir;

static int
is_datadir(const char *dir)
{
	char *p = xasprintf("%s/templates", dir);
	struct stat st;
	int ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	return ok;
}

const char *
paths_datadir(void)
{
	if (datadir)
		return datadir;
	const char *env = getenv("ZORGDOC_DATADIR");
	if (env && *env) {
		datadir = xstrdup(env);
		return datadir;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			const char *cands[] = { "%s/..", "%s/../share/zorgdoc", "%s/../..", NULL };
			for (int i = 0; cands[i]; i++) {
				char *c = xasprintf(cands[i], exe);
				char real[PATH_MAX];
				if (realpath(c, real) && is_datadir(real)) {
					free(c);
					datadir = xstrdup(real);
					return datadir;
				}
				free(c);
			}
		}
	}
	if (is_datadir(ZORGDOC_DATADIR)) {
		datadir = xstrdup(ZORGDOC_DATADIR);
		return datadir;
	}
	return NULL;
}

char *
paths_data_file(const char *rel)
{
	const char *d = paths_datadir();
	return xasprintf("%s/%s", d ? d : ".", rel);
}

char *
paths_join_safe(const char *dir, const char *name, diag *d)
{
	if (!name || !*name || name[0] == '.' || strchr(name, '/') || strstr(name, "..")) {
		diag_error(d, NULL, 0, 0, "unsafe output file name");
		return NULL;
	}
	return xasprintf("%s/%s", dir, name);
}

char *
paths_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}
