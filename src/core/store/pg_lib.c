/* Loading libpq at run time (pg_lib.h): dlopen of its soname, then each
 * function the driver calls by name. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "pg_lib.h"

struct pg_lib pg_lib;

int pg_lib_load(char *err, size_t errlen)
{
	static void *handle;
	void *h;
	const char *why;

	if (handle != NULL)
		return FT_OK;
	if ((h = dlopen(PG_LIB_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		why = dlerror();
		goto fail;
	}
#define PG_LIB_RESOLVE(f) \
	if ((pg_lib.f = (__typeof__(pg_lib.f))dlsym(h, #f)) == NULL) { \
		why = dlerror(); \
		dlclose(h); \
		goto fail; \
	}
	PG_LIB_CALLS(PG_LIB_RESOLVE)
#undef PG_LIB_RESOLVE
	handle = h;
	return FT_OK;
fail:
	/* dlerror() starts with the library's path; one line */
	snprintf(err, errlen, "cannot load PostgreSQL's client library '%s' "
		 "(install libpq5): %.*s", PG_LIB_SONAME,
		 why ? (int)strcspn(why, "\n") : 7, why ? why : "unknown");
	return FT_DBERR;
}
