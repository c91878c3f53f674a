/* An entitlement's playbook columns in memory, loaded per service and saved
 * back with one audit change row per field that changed. */
#ifndef FTRACK_ENTITLEMENT_H
#define FTRACK_ENTITLEMENT_H

#include <stdbool.h>

#include "core.h"

/* The ten columns a scenario sets (the eleventh, who updates, is the
 * change's role). */
enum ent_field {
	F_L1, F_L2, F_L3, F_SERVICE_STATUS, F_ENGAGEMENT_SCENARIO,
	F_TARGET_DATE, F_OWNER, F_NOTES, F_NEXT_ACTION_DATE, F_NEXT_ACTION,
	F_COUNT
};

/* Column names, as in the schema and the JSON output. */
extern const char *const ent_field_name[F_COUNT];

struct ent {
	int64_t id, subscription_id, workload_id;
	char *subscription;	/* subscription code */
	char *workload;		/* workload name */
	char *v[F_COUNT];	/* NULL for no value */
	char scenario[8];	/* the rule that set it, "" when none */
	int64_t declaration;	/* the declaration that set it, 0 for none */
};

/* The field called name, or -1. */
int ent_field_index(const char *name);

/* Loads the entitlements of customer_id, limited to workload_id and
 * subscription_id when they are not 0, by workload name then subscription.
 * *ents is an array of *n to free with ent_free_all(). */
int ent_load(struct ft *ft, int64_t customer_id, int64_t workload_id,
	     int64_t subscription_id, struct ent **ents, int *n);

/* Loads the entitlement with this id into e (free with ent_free()). */
int ent_load_id(struct ft *ft, int64_t id, struct ent *e);

/* Deep copy of src into dst. FT_OK or FT_DBERR when out of memory. */
int ent_copy(struct ft *ft, struct ent *dst, const struct ent *src);
/* Replaces field f's value with a copy of value (NULL for none). */
int ent_set(struct ft *ft, struct ent *e, enum ent_field f, const char *value);
/* True when the two have the same values and scenario (the declaration
 * that set them is not compared). */
bool ent_same(const struct ent *a, const struct ent *b);

void ent_free(struct ent *e);
void ent_free_all(struct ent *ents, int n);

/* Writes after over the row (with who, role and when of the change) and an
 * audit change row in changeset cs for each field that differs from
 * before. */
int ent_save(struct ft *ft, const struct ent *before, const struct ent *after,
	     int64_t cs, const char *role);

/* Removes entitlement e, writing in change set cs an audit row for each
 * value it had (old value, no new one): the record can be restored from
 * them. */
int ent_remove(struct ft *ft, const struct ent *e, int64_t cs);

/* Puts back an entitlement ent_remove() removed, with its id and values,
 * and an audit row for each (updated now by the actor, with role). */
int ent_restore(struct ft *ft, const struct ent *e, int64_t cs,
		const char *role);

#endif
