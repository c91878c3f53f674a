/* Finding records by name; an unknown name is refused (FT_REFUSED) with the
 * closest existing name suggested. */
#ifndef FTRACK_LOOKUP_H
#define FTRACK_LOOKUP_H

#include <stdbool.h>

#include "core.h"

enum lookup_kind {
	LOOKUP_CUSTOMER,
	LOOKUP_WORKLOAD,
	LOOKUP_USER,
	LOOKUP_SUBSCRIPTION
};

/* The id of the record named name (same key, text_fold()) in *id and, when
 * canon is not NULL, its name as stored in canon (FT_NAME_MAX + 1 bytes). */
int lookup_id(struct ft *ft, enum lookup_kind kind, const char *name,
	      int64_t *id, char *canon);

/* FT_OK when no record of kind has name's key (text_fold()); else refuses
 * (FT_REFUSED) a new record so named, naming the one there as stored when
 * it is written otherwise: "customer 'CAFÉ' already exists (as 'Café')".
 * FT_DBERR on a database error. */
int lookup_name_free(struct ft *ft, enum lookup_kind kind, const char *name);

/* Canonicalises code into out and checks it is one of the codes the query
 * check_sql (one parameter :code) finds; refuses with the list of the
 * accepted codes (list_sql) otherwise. what names the code ("role", "L2"). */
int lookup_code(struct ft *ft, const char *what, const char *code,
		const char *check_sql, const char *list_sql, char *out,
		size_t outlen);

/* Canonicalises a No Intent L2 (executive_sponsorship ...) into out, or
 * refuses it listing the three. */
int lookup_no_intent_l2(struct ft *ft, const char *code, char *out,
			size_t outlen);

/* Parses the value of a date option (opt names it in the message) as ISO
 * 8601 into out, YYYY-MM-DDTHH:MM:SSZ; with day_end a date alone means the
 * end of that day (times are stored to the second). */
int lookup_time_bound(struct ft *ft, const char *opt, const char *in,
		      bool day_end, char out[21]);

/* The label of an entitlement column's code (field "l1", "l2", "owner",
 * "next_action" ...) in lang ("en" or "es"), into out; the value itself
 * when it is not a code (dates, notes), "" for NULL. */
int lookup_field_label(struct ft *ft, const char *field, const char *value,
		       const char *lang, char *out, size_t outlen);

#endif
