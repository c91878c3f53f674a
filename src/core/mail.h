/* The pieces of an RFC 5322 / MIME message that need encoding: header
 * words (RFC 2047), the date, and a quoted-printable body (RFC 2045). Pure
 * text functions appending to a struct strbuf; no SQL. */
#ifndef FTRACK_MAIL_H
#define FTRACK_MAIL_H

#include <stdbool.h>
#include "strbuf.h"

/* Appends text as a header's phrase or unstructured text: as it is when it
 * is printable ASCII of at most 60 bytes (quoted, '"' and '\' escaped,
 * when quote), else as RFC 2047 B encoded words of UTF-8, each at most 75
 * characters, folded by CRLF SP. Nothing of text can end the header. */
void mail_header_text(struct strbuf *out, const char *text, bool quote);

/* Appends the RFC 5322 date of iso ("2026-03-27T10:00:00Z"), as
 * "Fri, 27 Mar 2026 10:00:00 +0000"; false when iso is not one. */
bool mail_date(struct strbuf *out, const char *iso);

/* Appends text (LF or CRLF line ends) quoted-printable: CRLF line ends,
 * every byte outside printable ASCII and '=' as =XX, a blank before a line
 * end too, lines at most 76 characters with soft line breaks. */
void mail_quoted_printable(struct strbuf *out, const char *text);

#endif
