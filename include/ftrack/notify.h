/* ftrack notify: the 'Notify account team of No Intent' next action as a
 * ready-to-send message, and recording it done. */
#ifndef FTRACK_NOTIFY_H
#define FTRACK_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "ftrack.h"

enum ft_notify_format {
	FT_NOTIFY_TEXT,	/* plain text, wrapped to 72 columns */
	FT_NOTIFY_MD,	/* Markdown, the user's text escaped */
	FT_NOTIFY_EML	/* an RFC 5322 message (MIME, quoted-printable,
			 * CRLF) to the active account team members with an
			 * e-mail address, from the actor's address */
};

struct ft_notify_request {
	const char *customer;
	const char *workload;	/* NULL: every No Intent service */
	enum ft_notify_format format;
	bool done;		/* record the services' open 'Notify account
				 * team of No Intent' actions done */
};

/* Receives the message (len bytes, NUL-terminated too); FT_OK when every
 * byte was written, else a status (nothing is then recorded). */
typedef int (*ft_notify_write_fn)(void *arg, const char *message,
				  size_t len);

/* Builds the message about the customer's services in No Intent (the
 * workload's only, when given), in the context's language: per service its
 * L2 and the L2's meaning, the L3, the reason, with whom it was validated,
 * the subscriptions and who declared it when. Then, with done, records the
 * open actions done (as ft_action_done(); refused when none is open, a
 * warning for a service without one) and calls write, all in one write
 * transaction that write's failure rolls back. Without done it only reads.
 * FT_REFUSED for an unknown customer or workload, or no service in No
 * Intent. Missing e-mail addresses (eml) are warnings. */
int ft_notify(struct ft *ft, const struct ft_notify_request *req,
	      ft_notify_write_fn write, void *arg);

#endif
