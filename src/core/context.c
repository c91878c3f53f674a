/* The context every core call takes: who acts, when, in which language,
 * and the one-line message of what failed. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "driver.h"
#include "texts.h"
#include "ftrack/text.h"

int ft_fail(struct ft *ft, int status, const char *fmt, ...)
{
	static const char ellipsis[] = "\u2026";
	va_list ap;
	size_t n;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(ft->err, sizeof ft->err, fmt, ap);
	va_end(ap);
	/* a message too long for the buffer (one quoting a huge argument)
	 * ends with "…" after a whole character, not in the middle of one */
	if (len >= (int)sizeof ft->err) {
		n = sizeof ft->err - sizeof ellipsis;
		while (n > 0 && ((unsigned char)ft->err[n] & 0xC0) == 0x80)
			n--;
		memcpy(ft->err + n, ellipsis, sizeof ellipsis);
	}
	return status;
}

void ft_close(struct ft *ft)
{
	if (ft == NULL)
		return;
	db_cache_clear(ft);
	texts_free(ft);
	if (ft->drv != NULL)
		ft->drv->close(ft);
	free(ft->actor);
	free(ft);
}

/* A registered user is recorded as registered, whatever the case or
 * Unicode form it was typed in ("ANA GARCÍA" is "Ana García"). */
static int canonical_actor(struct ft *ft)
{
	struct db_stmt *st = NULL;
	char *copy = NULL;
	int rc = db_prepare(ft, &st, "SELECT name FROM app_user "
			    "WHERE name_key = :key");

	if (rc != FT_OK)
		return rc;
	db_bind_key(ft, st, ":key", ft->actor);
	if (db_step(ft, st) == DB_ROW &&
	    (copy = strdup(db_col_text(st, 0))) == NULL)
		rc = ft_fail(ft, FT_DBERR, "out of memory");
	db_release(st);
	if (copy != NULL) {
		free(ft->actor);
		ft->actor = copy;
	}
	return rc;
}

/* Whether the actor may be set to name: on a server, a role acts as
 * itself unless it may act for others (the tables' owner's roles). */
static int may_act_as(struct ft *ft, const char *name)
{
	char role[128], *a, *b;
	bool for_others = false, same;
	int rc;

	if (ft->drv->session_role == NULL)
		return FT_OK;
	if ((rc = ft->drv->session_role(ft, role, sizeof role,
					&for_others)) != FT_OK || for_others)
		return rc;
	a = text_fold(name);
	b = text_fold(role);
	same = a != NULL && b != NULL && strcmp(a, b) == 0;
	free(a);
	free(b);
	if (!same)
		return ft_fail(ft, FT_REFUSED, "the database role '%s' acts as "
			       "itself, not as '%s': only roles of the tables' "
			       "owner may act for others", role, name);
	return FT_OK;
}

static int set_actor(struct ft *ft, const char *actor)
{
	const char *why = text_check_name(actor ? actor : "");
	char *copy;

	if (why != NULL)
		return ft_fail(ft, FT_REFUSED, "invalid actor name: %s", why);
	if ((copy = strdup(actor)) == NULL)
		return ft_fail(ft, FT_DBERR, "out of memory");
	free(ft->actor);
	ft->actor = copy;
	return canonical_actor(ft);
}

int ft_set_actor(struct ft *ft, const char *actor)
{
	int rc = may_act_as(ft, actor ? actor : "");

	return rc == FT_OK ? set_actor(ft, actor) : rc;
}

int ft_set_default_actor(struct ft *ft, const char *login)
{
	char role[128];
	bool for_others;
	int rc;

	if (ft->drv->session_role == NULL)
		return set_actor(ft, login);
	rc = ft->drv->session_role(ft, role, sizeof role, &for_others);
	return rc == FT_OK ? set_actor(ft, role) : rc;
}

int ft_set_now(struct ft *ft, const char *iso8601)
{
	if (iso8601 == NULL) {
		ft->now[0] = '\0';
		return FT_OK;
	}
	if (!text_parse_time(iso8601, ft->now)) {
		ft->now[0] = '\0';
		return ft_fail(ft, FT_REFUSED, "invalid time '%s' (expected "
			       "ISO 8601, e.g. 2026-03-27T10:00:00Z)", iso8601);
	}
	return FT_OK;
}

void ft_set_warn(struct ft *ft, ft_warn_fn fn, void *arg)
{
	ft->warn = fn;
	ft->warn_arg = arg;
}

void ft_set_lang(struct ft *ft, enum ft_lang lang)
{
	ft->lang = lang;
	if (ft->drv->set_lang != NULL)
		ft->drv->set_lang(ft);
}

const char *ft_actor(const struct ft *ft)
{
	return ft->actor ? ft->actor : "unknown";
}

const char *ft_now(const struct ft *ft)
{
	return ft->now;
}

enum ft_lang ft_lang(const struct ft *ft)
{
	return ft->lang;
}

const char *ft_lang_code(const struct ft *ft)
{
	return ft->lang == FT_LANG_ES ? "es" : "en";
}

const char *ft_summary(const struct ft *ft)
{
	return ft->summary;
}

const char *ft_error(const struct ft *ft)
{
	return ft->err;
}

/* A write reads the clock once: a record's time and its change set's are
 * the same second even when the write spans a second's end (verify
 * compares them). */
const char *ft_clock(struct ft *ft, char buf[21])
{
	time_t t;
	struct tm tm;

	if (ft->now[0] != '\0')
		return ft->now;
	if (ft->write_depth > 0 && ft->tx_now[0] != '\0')
		return strcpy(buf, ft->tx_now);
	t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (ft->write_depth > 0)
		strcpy(ft->tx_now, buf);
	return buf;
}
