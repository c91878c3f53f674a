/* Undoing what a change set did to whole records: removing a record it
 * added, putting back one it removed. Used by revert (revert.c). */
#ifndef FTRACK_UNDO_H
#define FTRACK_UNDO_H

#include "core.h"

/* One change row of the change set being reverted. */
struct change {
	char *entity, *field, *old_value, *new_value;
	int64_t entity_id;
};

/* What a change set did to a record: added it (its key field went from
 * nothing to a value), removed it (the other way), or changed fields. */
enum record_fate { RECORD_CHANGED, RECORD_ADDED, RECORD_REMOVED };

/* The fate of record (entity, id) in the change set's rows c[0..n). */
enum record_fate record_fate(const struct change *c, int n,
			     const char *entity, int64_t id);

/* Removes record (entity, id), which change set made_in added, writing in
 * change set cs an audit row for each value it had. Refused (FT_REFUSED,
 * naming it) while something refers to it or a later change set changed
 * it. */
int record_remove(struct ft *ft, const char *entity, int64_t id,
		  int64_t made_in, int64_t cs);

/* Puts back record (entity, id) as the rows c[0..n) of change set
 * removed_in, which removed it, had it (their old values), with an audit
 * row for each value, in change set cs by the actor with role. */
int record_restore(struct ft *ft, const char *entity, int64_t id,
		   const struct change *c, int n, int64_t removed_in,
		   int64_t cs, const char *role);

/* Sets field of record (entity, id) to value (NULL for none) with its
 * audit row in change set cs: a customer's name, tenant or managed, a
 * user's role or active. FT_REFUSED for a field it does not set. */
int record_set_field(struct ft *ft, const char *entity, int64_t id,
		     const char *field, const char *value, int64_t cs);

#endif
