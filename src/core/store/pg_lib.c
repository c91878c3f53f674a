/* Loading libpq at run time (pg_lib.h): dlopen of its soname, then each
 * function the driver calls by name. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "pg_lib.h"

struct pg_lib pg_lib;

/* One line in err: the library, and dlerror()'s first line. */
static int load_error(char *err, size_t errlen)
{
	const char *why = dlerror();

	if (why == NULL)
		why = "unknown error";
	snprintf(err, errlen, "cannot load PostgreSQL's client library '%s' "
		 "(install libpq5): %.*s", PG_LIB_SONAME,
		 (int)strcspn(why, "\n"), why);
	return FT_DBERR;
}

int pg_lib_load(char *err, size_t errlen)
{
	static void *handle;
	void *h;

	if (handle != NULL)
		return FT_OK;
	if ((h = dlopen(PG_LIB_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return load_error(err, errlen);
#define PG_LIB_RESOLVE(f) \
	if ((pg_lib.f = (__typeof__(pg_lib.f))dlsym(h, #f)) == NULL) { \
		load_error(err, errlen); \
		dlclose(h); \
		return FT_DBERR; \
	}
	PG_LIB_CALLS(PG_LIB_RESOLVE)
#undef PG_LIB_RESOLVE
	handle = h;
	return FT_OK;
}
