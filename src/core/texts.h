/* The texts shown in more than one language (the text table, migration
 * 0013): one function for C, one SQL function for queries. */
#ifndef FTRACK_TEXTS_H
#define FTRACK_TEXTS_H

#include "core.h"

/* The text of key in lang ("en", "es"), else in English, else key itself.
 * The texts are read once per context; the pointer stays valid until
 * ft_close(). */
const char *texts_get(struct ft *ft, const char *key, const char *lang);

/* The same in the context's language. */
const char *texts_tr(struct ft *ft, const char *key);

/* The text of key in lang with each %s replaced by the next of args (a
 * template is data, never a printf format), in a new string to free with
 * free(); NULL when out of memory. */
char *texts_fill(struct ft *ft, const char *key, const char *lang,
		 const char *const *args, int nargs);

/* Fills names[0..n) with the texts of keys[0..n) in the context's
 * language: the column headers of a listing. */
void texts_names(struct ft *ft, const char *const *keys, int n,
		 const char **names);

/* Frees the texts read (on close). */
void texts_free(struct ft *ft);

#endif
