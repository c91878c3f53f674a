/* libFuzzer target: the CSV import. The first byte picks the kind of file
 * (and dry run, ignored columns), the rest is the file. One in-memory database lives across inputs, with a
 * customer and a subscription for rows to refer to. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ftrack/import.h"
#include "ftrack/records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ft *db(void)
{
	static struct ft *ft;
	static const char *const workloads[] = {"Exchange Online", "Yammer"};
	char err[256];

	if (ft != NULL)
		return ft;
	if (ft_open(&ft, NULL, FT_OPEN_MEMORY, 0, err, sizeof err) != FT_OK)
		abort();
	ft_set_actor(ft, "fuzzer");
	ft_set_now(ft, "2026-03-27T10:00:00Z");
	ft_customer_add(ft, "Contoso", NULL, 1);
	ft_subscription_add(ft, "Contoso", "SUB-1", workloads, 2);
	return ft;
}

static void ignore_error(void *arg, long line, const char *why)
{
	(void)arg;
	(void)line;
	(void)why;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ft_import_options opt = {.on_error = ignore_error};
	struct ft_import_result r;
	FILE *in;

	if (size < 2)
		return 0;
	opt.dry_run = data[0] & 4;
	opt.ignore_columns = data[0] & 8;
	if ((in = fmemopen((void *)(data + 1), size - 1, "r")) == NULL)
		return 0;
	ft_import(db(), (enum ft_import_kind)(data[0] % 4), in, &opt, &r);
	fclose(in);
	return 0;
}
