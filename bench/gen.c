/* Writes the benchmark's data set as the CSV files `ftrack import` takes,
 * from a fixed seed: customers, subscriptions (one row per entitlement),
 * statuses and declarations. Usage: gen CUSTOMERS DIR */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ULL;

/* xorshift64*: small, fast, and the same on every machine. */
static uint32_t next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (uint32_t)((state * 0x2545F4914F6CDD1DULL) >> 32);
}

static uint32_t below(uint32_t n)
{
	return next() % n;
}

static const char *const workloads[] = {
	"Exchange Online", "SharePoint Online", "OneDrive for Business",
	"Microsoft Teams", "Yammer", "Microsoft 365 Apps", "Intune",
	"Azure Active Directory Premium", "Windows Enterprise", "Power BI",
	"Dynamics 365",
};
#define NWORKLOADS 11

static const char *const no_intent_l2[] = {
	"executive-sponsorship", "competitive-solution", "microsoft-on-premises",
};

static FILE *open_csv(const char *dir, const char *name, const char *header)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fprintf(f, "%s\r\n", header);
	return f;
}

int main(int argc, char **argv)
{
	long customers, entitlements = 0, sub = 0;
	FILE *fc, *fs, *ft, *fd;

	if (argc != 3 || (customers = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: gen CUSTOMERS DIR\n");
		return 2;
	}
	fc = open_csv(argv[2], "customers.csv", "name,tenant,managed");
	fs = open_csv(argv[2], "subscriptions.csv",
		      "customer,subscription,workload");
	ft = open_csv(argv[2], "statuses.csv",
		      "customer,workload,l1,l2,subscription,notes,engagement,"
		      "next_action_date,target_date");
	fd = open_csv(argv[2], "declarations.csv",
		      "customer,workload,declared,l2,notes");
	for (long c = 0; c < customers; c++) {
		/* 1 to 3 subscriptions (mostly 3), 3 to 4 workloads each
		 * (mostly 4): about 10 entitlements a customer */
		uint32_t r = below(10);
		int nsubs = r < 1 ? 1 : r < 3 ? 2 : 3;
		int has[NWORKLOADS] = {0}, dup[NWORKLOADS] = {0};

		fprintf(fc, "Customer %07ld,tenant%07ld.onmicrosoft.com,%s\r\n",
			c, c, below(2) ? "yes" : "no");
		for (int s = 0; s < nsubs; s++, sub++) {
			int nw = below(5) ? 4 : 3, first = (int)below(NWORKLOADS);

			for (int w = 0; w < nw; w++) {
				int wl = (first + w * 3) % NWORKLOADS;
				uint32_t st = below(100);

				has[wl] = 1;
				entitlements++;
				fprintf(fs, "Customer %07ld,SUB-%08ld,%s\r\n", c,
					sub, workloads[wl]);
				/* a mix of L1s, some changed twice, each with
				 * what its rule asks: In Progress a target
				 * date, Blocked before delivery (B1) notes, the
				 * engagement and the initiate discussion's
				 * date */
				if (st < 30)
					fprintf(ft, "Customer %07ld,%s,in-progress,"
						"migration,SUB-%08ld,,,,2027-06-30"
						"\r\n", c, workloads[wl], sub);
				if (st < 10)
					fprintf(ft, "Customer %07ld,%s,blocked,"
						"security-privacy,SUB-%08ld,\"Unable "
						"to deploy because the security team "
						"has not approved the tenant settings"
						"\",customer-led,2027-01-15,\r\n", c,
						workloads[wl], sub);
				else if (st >= 95 && (dup[wl] = 1))
					fprintf(ft, "Customer %07ld,%s,"
						"duplicate-invalid,,SUB-%08ld,,,,"
						"\r\n", c, workloads[wl], sub);
			}
		}
		/* about 20% of the services declare No Intent (not those
		 * with a Duplicate/Invalid entitlement, which no declaration
		 * applies to) */
		for (int wl = 0; wl < NWORKLOADS; wl++)
			if (has[wl] && below(5) == 0 && !dup[wl])
				fprintf(fd, "Customer %07ld,%s,no-intent,%s,"
					"\"The customer runs another product "
					"for %s, decided by the board\"\r\n", c,
					workloads[wl], no_intent_l2[below(3)],
					workloads[wl]);
	}
	fclose(fc);
	fclose(fs);
	fclose(ft);
	fclose(fd);
	printf("%ld customers, %ld subscriptions, %ld entitlements\n",
	       customers, sub, entitlements);
	return 0;
}
