/* Names as people write them, through the binary: found in any case and
 * Unicode form, shown as typed, duplicates refused whatever their case or
 * form, "did you mean" over the same folding. */
#include <stdlib.h>
#include "run.h"

#define CAFE_NFC "Caf\xc3\xa9"		/* é, U+00E9 */
#define CAFE_NFD "Cafe\xcc\x81"		/* e + U+0301 */

/* Runs `ftrack customer show <name>` and expects its first line to name
 * the customer as stored. */
static void expect_customer(const char *name, const char *stored)
{
	struct run r = ftrack(0, "customer", "show", name);
	char line[256];

	snprintf(line, sizeof line, "Customer     %s\n", stored);
	assert_memory_equal(r.out, line, strlen(line));
	run_free(&r);
}

static void names__found_in_any_case_or_form_and_shown_as_typed(
	void **state)
{
	ftrack(0, "init");
	ftrack(0, "customer", "add", "Müller & Söhne GmbH");
	ftrack(0, "customer", "add", CAFE_NFC);
	ftrack(0, "customer", "add", "Straße Bau");
	expect_customer("MÜLLER & SÖHNE GMBH", "Müller & Söhne GmbH");
	expect_customer(CAFE_NFD, CAFE_NFC);
	expect_customer("STRASSE BAU", "Straße Bau");
	ftrack(0, "subscription", "add", "müller & söhne gmbh", "SÜB-1",
	       "--workload", "YAMMER");
	struct run r = ftrack(0, "customer", "list", "--format", "json");
	assert_non_null(strstr(r.out, "{\"customer\":\"Müller & Söhne GmbH\","
			       "\"tenant\":null,\"managed\":null,\"phase\":"
			       "\"assignment\",\"delivery_fm\":null,"
			       "\"subscriptions\":1}"));
	assert_non_null(strstr(r.out, "{\"customer\":\"" CAFE_NFC "\","));
	assert_non_null(strstr(r.out, "{\"customer\":\"Straße Bau\","));
	assert_null(strstr(r.out, CAFE_NFD));
	run_free(&r);
}

static void names__duplicates_refused_in_any_case_or_form(void **state)
{
	char *before, *after;

	ftrack(0, "init");
	ftrack(0, "user", "add", "Ana García", "--role", "assignment-fm");
	/* the actor is matched like any name, and recorded as registered */
	setenv("FTRACK_USER", "ANA GARCÍA", 1);
	ftrack(0, "workload", "add", "Büro Suite");
	ftrack(0, "customer", "add", CAFE_NFC, "--tenant", "Tënant-Ä");
	ftrack(0, "customer", "add", "Straße AG");
	ftrack(0, "subscription", "add", CAFE_NFC, "SÜB-1", "--workload",
	       "Yammer");
	struct run r = ftrack(0, "history", "--format", "json");
	assert_non_null(strstr(r.out, "\"who\":\"Ana García\",\"role\":"
			       "\"assignment_fm\""));
	assert_null(strstr(r.out, "ANA GARCÍA"));
	run_free(&r);

	before = db_snapshot();
	expect_err(1, "ftrack: user 'ana garcía' already exists (as 'Ana "
		   "García')\n", "user", "add", "ana garcía", "--role",
		   "delivery-fm");
	expect_err(1, "ftrack: workload 'BÜRO SUITE' already exists (as "
		   "'Büro Suite')\n", "workload", "add", "BÜRO SUITE");
	expect_err(1, "ftrack: customer '" CAFE_NFD "' already exists (as '"
		   CAFE_NFC "')\n", "customer", "add", CAFE_NFD);
	expect_err(1, "ftrack: customer 'STRASSE AG' already exists (as "
		   "'Straße AG')\n", "customer", "add", "STRASSE AG");
	expect_err(1, "ftrack: tenant 'TËNANT-ä' already belongs to customer '"
		   CAFE_NFC "'\n", "customer", "add", "Other", "--tenant",
		   "TËNANT-ä");
	expect_err(1, "ftrack: subscription 'SÜB-1' belongs to another "
		   "customer\n", "subscription", "add", "Straße AG", "süb-1",
		   "--workload", "Yammer");
	expect_err(1, "ftrack: subscription 'SÜB-1' already has workload "
		   "'yammer'\n", "subscription", "add", CAFE_NFD, "süb-1",
		   "--workload", "yammer");
	/* a new name that would read as an existing one: spaces at its ends,
	 * an invisible character */
	expect_err(1, "ftrack: invalid customer name: it ends with a space\n",
		   "customer", "add", CAFE_NFC " ");
	expect_err(1, "ftrack: invalid customer name: it begins with a space\n",
		   "customer", "add", "\xc2\xa0" CAFE_NFC);
	expect_err(1, "ftrack: invalid customer name: it contains an invisible "
		   "character (U+200B)\n", "customer", "add",
		   CAFE_NFC "\xe2\x80\x8b");
	expect_err(1, "ftrack: invalid customer name: it contains an invisible "
		   "character (U+FEFF)\n", "customer", "rename", "Straße AG",
		   "Stra\xef\xbb\xbf" "ße AG");
	expect_err(1, "ftrack: invalid workload name: it contains an invisible "
		   "character (U+00AD)\n", "workload", "add",
		   "Yam\xc2\xadmer");
	expect_err(1, "ftrack: invalid subscription id: it ends with a space\n",
		   "subscription", "add", "Straße AG", "SÜB-1 ", "--workload",
		   "Yammer");
	expect_err(1, "ftrack: invalid user name: it ends with a space\n",
		   "user", "add", "Ana García ", "--role", "delivery-fm");
	/* joiners and variation selectors are kept in a name but not in its
	 * key: one that differs only by them is the same name */
	expect_err(1, "ftrack: customer 'Stra\xe2\x80\x8d" "ße AG' already "
		   "exists (as 'Straße AG')\n", "customer", "add",
		   "Stra\xe2\x80\x8d" "ße AG");
	expect_err(1, "ftrack: workload 'Büro Suite\xef\xb8\x8f' already "
		   "exists (as 'Büro Suite')\n", "workload", "add",
		   "Büro Suite\xef\xb8\x8f");
	after = db_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void names__did_you_mean_folds_case_and_form(void **state)
{
	ftrack(0, "init");
	ftrack(0, "customer", "add", "Müller & Söhne GmbH");
	ftrack(0, "customer", "add", CAFE_NFC);
	ftrack(0, "user", "add", "Ana García", "--role", "delivery-fm");
	setenv("FTRACK_USER", "Ana García", 1);
	expect_err(1, "ftrack: unknown customer 'MÜLER & SÖHNE GMBH' (did you "
		   "mean 'Müller & Söhne GmbH'?)\n", "customer", "show",
		   "MÜLER & SÖHNE GMBH");
	/* without its accents: two edits */
	expect_err(1, "ftrack: unknown customer 'MULLER & SOHNE GMBH' (did "
		   "you mean 'Müller & Söhne GmbH'?)\n", "customer", "show",
		   "MULLER & SOHNE GMBH");
	expect_err(1, "ftrack: unknown customer 'CAFEE' (did you mean '"
		   CAFE_NFC "'?)\n", "customer", "show", "CAFEE");
	expect_err(1, "ftrack: unknown user 'ANA GARCIA' (did you mean 'Ana "
		   "García'?)\n", "assign", CAFE_NFD, "--delivery-fm",
		   "ANA GARCIA");
	expect_err(1, "ftrack: unknown workload 'YAMER' (did you mean "
		   "'Yammer'?)\n", "subscription", "add", CAFE_NFD, "S-1",
		   "--workload", "YAMER");
}

/* The default folding, not the Turkish one: "İstanbul" and "istanbul" are
 * two customers; "İSTANBUL" is the first, "ISTANBUL" the second, and a
 * Turkish "LOJİSTİK" is not "Lojistik". */
static void names__turkish_i_takes_the_default_folding(void **state)
{
	ftrack(0, "init");
	ftrack(0, "customer", "add", "İstanbul Lojistik");
	ftrack(0, "customer", "add", "istanbul Lojistik");
	expect_customer("İSTANBUL LOJISTIK", "İstanbul Lojistik");
	expect_customer("ISTANBUL LOJISTIK", "istanbul Lojistik");
	/* each İ is its own letter: in Turkish capitals every i is one */
	expect_err(1, "ftrack: unknown customer 'İSTANBUL LOJİSTİK' (did you "
		   "mean 'İstanbul Lojistik'?)\n", "customer", "show",
		   "İSTANBUL LOJİSTİK");
	expect_err(1, "ftrack: customer 'İSTANBUL LOJISTIK' already exists "
		   "(as 'İstanbul Lojistik')\n", "customer", "add",
		   "İSTANBUL LOJISTIK");
	expect_err(1, "ftrack: customer 'ISTANBUL LOJISTIK' already exists "
		   "(as 'istanbul Lojistik')\n", "customer", "add",
		   "ISTANBUL LOJISTIK");
}

#define T(f) cmocka_unit_test_setup_teardown(f, sandbox_setup, sandbox_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(names__found_in_any_case_or_form_and_shown_as_typed),
		T(names__duplicates_refused_in_any_case_or_form),
		T(names__did_you_mean_folds_case_and_form),
		T(names__turkish_i_takes_the_default_folding),
	};

	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
