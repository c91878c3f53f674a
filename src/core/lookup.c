#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "lookup.h"
#include "texts.h"
#include "ftrack/text.h"

struct lookup_sql {
	const char *what;
	const char *find;
	const char *names;
};

/* Each finds a record by its key (:key, the name's text_fold()): the index
 * on name_key (code_key) serves it. */
static const struct lookup_sql lookups[] = {
	[LOOKUP_CUSTOMER] = {"customer",
		"SELECT id, name FROM customer WHERE name_key = :key",
		"SELECT name, name_key FROM customer"},
	[LOOKUP_WORKLOAD] = {"workload",
		"SELECT id, name FROM workload WHERE name_key = :key",
		"SELECT name, name_key FROM workload"},
	[LOOKUP_USER] = {"user",
		"SELECT id, name FROM app_user WHERE name_key = :key",
		"SELECT name, name_key FROM app_user"},
	[LOOKUP_SUBSCRIPTION] = {"subscription",
		"SELECT id, code FROM subscription WHERE code_key = :key",
		"SELECT code, code_key FROM subscription"},
};

/* The closest name to name among those names_sql returns (name, key),
 * into best: the smallest edit distance between the keys within a third
 * of the length, else a name whose key contains name's. "" when nothing is
 * close. */
static int closest(struct ft *ft, const char *names_sql, const char *name,
		   char *best, size_t len)
{
	struct db_stmt *st = NULL;
	char contains[FT_NAME_MAX + 1] = "";
	char *key = text_fold(name);
	int cap, best_distance, rc = FT_OK, step = DB_DONE;
	size_t key_length;

	best[0] = '\0';
	if (key == NULL) {
		rc = ft_fail(ft, FT_DBERR, "out of memory");
		goto cleanup;
	}
	key_length = text_length(key);
	cap = key_length / 3 < 2 ? 2 : (int)(key_length / 3);
	best_distance = cap + 1;
	if ((rc = db_prepare(ft, &st, names_sql)) != FT_OK)
		goto cleanup;
	while ((step = db_step(ft, st)) == DB_ROW) {
		const char *candidate = db_col_text(st, 0);
		const char *candidate_key = db_col_text(st, 1);
		int d;

		if (candidate_key == NULL)
			continue;
		d = text_distance(key, candidate_key, cap);
		if (d < best_distance) {
			best_distance = d;
			snprintf(best, len, "%s", candidate);
		}
		if (contains[0] == '\0' && key_length >= 3 &&
		    strstr(candidate_key, key) != NULL)
			snprintf(contains, sizeof contains, "%s", candidate);
	}
	if (step < 0)
		rc = FT_DBERR;
	else if (best[0] == '\0')
		snprintf(best, len, "%s", contains);
cleanup:
	db_release(st);
	free(key);
	return rc;
}

int lookup_name_free(struct ft *ft, enum lookup_kind kind, const char *name)
{
	struct db_stmt *st = NULL;
	char stored[FT_NAME_MAX + 1];
	int rc, step;

	if ((rc = db_prepare(ft, &st, lookups[kind].find)) != FT_OK)
		return rc;
	db_bind_key(ft, st, ":key", name);
	step = db_step(ft, st);
	if (step == DB_ROW)
		snprintf(stored, sizeof stored, "%s", db_col_text(st, 1));
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	if (step != DB_ROW)
		return FT_OK;
	if (strcmp(stored, name) == 0)
		return ft_fail(ft, FT_REFUSED, "%s '%s' already exists",
			       lookups[kind].what, name);
	return ft_fail(ft, FT_REFUSED, "%s '%s' already exists (as '%s')",
		       lookups[kind].what, name, stored);
}

int lookup_id(struct ft *ft, enum lookup_kind kind, const char *name,
	      int64_t *id, char *canon)
{
	const struct lookup_sql *l = &lookups[kind];
	struct db_stmt *st = NULL;
	char best[FT_NAME_MAX + 1];
	int rc, step;

	if ((rc = db_prepare(ft, &st, l->find)) != FT_OK)
		return rc;
	db_bind_key(ft, st, ":key", name);
	step = db_step(ft, st);
	if (step == DB_ROW) {
		*id = db_col_int(st, 0);
		if (canon != NULL)
			snprintf(canon, FT_NAME_MAX + 1, "%s", db_col_text(st, 1));
	}
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	if (step == DB_ROW)
		return FT_OK;
	if ((rc = closest(ft, l->names, name, best, sizeof best)) != FT_OK)
		return rc;
	if (best[0] != '\0')
		return ft_fail(ft, FT_REFUSED, "unknown %s '%s' (did you mean "
			       "'%s'?)", l->what, name, best);
	return ft_fail(ft, FT_REFUSED, "unknown %s '%s' (see 'ftrack %s "
		       "list')", l->what, name,
		       kind == LOOKUP_SUBSCRIPTION ? "customer show <customer>"
						   : l->what);
}

int lookup_code(struct ft *ft, const char *what, const char *code,
		const char *check_sql, const char *list_sql, char *out,
		size_t outlen)
{
	struct db_stmt *st = NULL;
	char list[512] = "";
	size_t used = 0;
	int rc, step;

	if (text_code(code, out, outlen)) {
		if ((rc = db_prepare(ft, &st, check_sql)) != FT_OK)
			return rc;
		db_bind_text(ft, st, ":code", out);
		step = db_step(ft, st);
		db_release(st);
		if (step < 0)
			return FT_DBERR;
		if (step == DB_ROW)
			return FT_OK;
	}
	if ((rc = db_prepare(ft, &st, list_sql)) != FT_OK)
		return rc;
	/* the codes as the docs write them, with dashes */
	while ((step = db_step(ft, st)) == DB_ROW && used < sizeof list) {
		int n = snprintf(list + used, sizeof list - used, "%s%s",
				 used ? ", " : "", db_col_text(st, 0));

		for (size_t i = used; i < sizeof list && list[i] != '\0'; i++)
			if (list[i] == '_')
				list[i] = '-';
		used += n > 0 ? (size_t)n : 0;
	}
	db_release(st);
	if (step < 0)
		return FT_DBERR;
	return ft_fail(ft, FT_REFUSED, "invalid %s '%s' (expected one of: %s)",
		       what, code, list);
}

int lookup_no_intent_l2(struct ft *ft, const char *code, char *out,
			size_t outlen)
{
	return lookup_code(ft, "No Intent L2", code,
			   "SELECT 1 FROM l2 WHERE l1 = 'no_intent' AND code = :code",
			   "SELECT code FROM l2 WHERE l1 = 'no_intent' "
			   "ORDER BY position", out, outlen);
}

int lookup_time_bound(struct ft *ft, const char *opt, const char *in,
		      bool day_end, char out[21])
{
	int y, m, d;

	if (!text_parse_time(in, out))
		return ft_fail(ft, FT_REFUSED, "invalid %s '%s' (expected ISO "
			       "8601: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)", opt, in);
	if (day_end && text_parse_date(in, &y, &m, &d))
		memcpy(out + 11, "23:59:59Z", 10);
	return FT_OK;
}

int lookup_field_label(struct ft *ft, const char *field, const char *value,
		       const char *lang, char *out, size_t outlen)
{
	char key[128];
	const char *label;

	snprintf(out, outlen, "%s", value ? value : "");
	if (value == NULL)
		return FT_OK;
	/* an owner is a role; a value that is no code (a date, a note) has
	 * no text and shows as it is */
	snprintf(key, sizeof key, "%s.%s", strcmp(field, "owner") == 0
		 ? "role" : field, value);
	label = texts_get(ft, key, lang);
	if (label != key)
		snprintf(out, outlen, "%s", label);
	return FT_OK;
}
