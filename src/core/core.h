/* What the core's files share: the context and the error setter. */
#ifndef FTRACK_CORE_H
#define FTRACK_CORE_H

#include <stdint.h>

#include "ftrack/ftrack.h"
#include "strbuf.h"

struct db_cache;
struct db_driver;
struct texts;

struct ft {
	const struct db_driver *drv;	/* the engine: store/driver.h */
	void *conn;		/* its connection */
	char *actor;
	char now[21];		/* fixed clock, "" for the system clock */
	char tx_now[21];	/* the clock as the write first read it */
	enum ft_lang lang;
	struct db_cache *cache;	/* prepared statements, by SQL text address */
	int ncache;
	int bind_failed;	/* a db_bind_*() failed: db_step() refuses */
	int busy_timeout_ms;	/* how long a writer waits for the lock */
	int write_depth;	/* nesting of db_begin_write() */
	int seal_ready;		/* migrated: commits seal the history */
	int write_failed;	/* a nested writer rolled back */
	ft_warn_fn warn;	/* where warnings go, NULL: nowhere */
	void *warn_arg;
	int64_t tx_changeset;	/* first change set this write wrote, or 0 */
	char readonly_why[600];	/* why opened read-only, or "" */
	char fault_key[128];	/* db_fault_key() */
	char summary[512];	/* ft_summary() */
	struct texts *texts;	/* texts.c, read on first use */
	struct rules_memo *rules_memo;	/* rules_engine.c: this write's */
	char err[1024];
};

/* Records a one-line message and returns status. */
int ft_fail(struct ft *ft, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The time of the change being made: the fixed clock or the system clock,
 * as YYYY-MM-DDTHH:MM:SSZ. */
const char *ft_clock(struct ft *ft, char buf[21]);

/* "en" or "es", for the :lang parameter of label queries. */
const char *ft_lang_code(const struct ft *ft);

#endif
