/* test-credit.c: credits split from captions, and agency keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-credit.h"

static void
assert_split (const char *line,
              gboolean    has_credit,
              const char *caption,
              const char *credit)
{
  g_autofree char *got_caption = NULL;
  g_autofree char *got_credit = NULL;

  g_assert_cmpint (cd_credit_split_caption (line, &got_caption, &got_credit), ==, has_credit);
  g_assert_cmpstr (got_caption, ==, caption);
  g_assert_cmpstr (got_credit, ==, credit);
}

static void
test_split (void)
{
  assert_split ("Men cross a flooded road in Dhi Qar, Iraq (AFP/Getty Images)", TRUE,
                "Men cross a flooded road in Dhi Qar, Iraq", "AFP/Getty Images");
  assert_split ("Boats at dawn (Reuters)  ", TRUE, "Boats at dawn", "Reuters");
  /* only the last group is the credit; inner parentheses are matched */
  assert_split ("The mayor (left) opens the hall (Photo: Jo (Jack) Doe)", TRUE,
                "The mayor (left) opens the hall", "Photo: Jo (Jack) Doe");
  assert_split ("قارب صيد في ميناء صور (رويترز)", TRUE, "قارب صيد في ميناء صور", "رويترز");
  assert_split ("أطفال في المدرسة (أ.ف.ب)", TRUE, "أطفال في المدرسة", "أ.ف.ب");
  assert_split ("A caption with no credit", FALSE, "A caption with no credit", "");
  assert_split ("A group (that does not end the line) here", FALSE,
                "A group (that does not end the line) here", "");
  assert_split ("An empty group ( )", FALSE, "An empty group ( )", "");
  assert_split ("Unbalanced group)", FALSE, "Unbalanced group)", "");
  assert_split ("(AFP)", TRUE, "", "AFP");
  g_assert_true (cd_credit_split_caption ("x (y)", NULL, NULL));
}

static void
assert_key (const char *credit,
            const char *key)
{
  g_autofree char *got = cd_credit_agency_key (credit);

  g_assert_cmpstr (got, ==, key);
}

static void
test_agency_key (void)
{
  assert_key ("AFP", "afp");
  assert_key ("AFP/Getty Images", "afp");
  assert_key ("Agence France-Presse", "afp");
  assert_key ("A.F.P.", "afp");
  assert_key ("أ.ف.ب", "afp");
  assert_key ("ا ف ب", "afp");
  assert_key ("Reuters", "reuters");
  assert_key ("REUTERS", "reuters");
  assert_key ("رويترز", "reuters");
  assert_key ("AP", "ap");
  assert_key ("AP Photo", "ap");
  assert_key ("AP Photo/Jane Roe", "ap");
  assert_key ("The Associated Press", "ap");
  assert_key ("Photo: Reuters", "reuters");
  assert_key ("صورة: رويترز", "reuters");
  assert_key ("Getty Images", "getty-images");
  /* an unknown source keeps its own name, folded */
  assert_key ("Staff  Photo/Coast Weekly", "staff photo");
  assert_key ("", NULL);
  assert_key (NULL, NULL);
}

static void
test_agency_keys (void)
{
  g_auto(GStrv) afp_getty = cd_credit_agency_keys ("AFP/Getty Images");
  g_auto(GStrv) via = cd_credit_agency_keys ("AFP via Getty Images");
  g_auto(GStrv) several = cd_credit_agency_keys ("Reuters, AFP / Agence France-Presse");
  g_auto(GStrv) arabic = cd_credit_agency_keys ("رويترز، أ.ف.ب");
  g_auto(GStrv) none = cd_credit_agency_keys ("");
  const char *expect_afp_getty[] = { "afp", "getty-images", NULL };
  const char *expect_several[] = { "reuters", "afp", NULL };

  g_assert_true (g_strv_equal ((const char * const *) afp_getty, expect_afp_getty));
  g_assert_true (g_strv_equal ((const char * const *) via, expect_afp_getty));
  g_assert_true (g_strv_equal ((const char * const *) several, expect_several));
  g_assert_true (g_strv_equal ((const char * const *) arabic, expect_several));
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_names_agency (void)
{
  /* One agency, however either side spells it. */
  g_assert_true (cd_credit_names_agency ("أ.ف.ب", "afp"));
  g_assert_true (cd_credit_names_agency ("AFP/Getty Images", "afp"));
  g_assert_true (cd_credit_names_agency ("Agence France-Presse", "AFP"));
  g_assert_true (cd_credit_names_agency ("AFP", "أ.ف.ب"));
  g_assert_true (cd_credit_names_agency ("Reuters", "رويترز"));
  g_assert_true (cd_credit_names_agency ("صورة: رويترز", "Reuters"));
  g_assert_true (cd_credit_names_agency ("Getty Images", "getty"));
  /* Every source the query names. */
  g_assert_true (cd_credit_names_agency ("أ.ف.ب / Getty Images", "AFP/Getty"));
  g_assert_false (cd_credit_names_agency ("أ.ف.ب", "AFP/Getty"));
  /* The start of a key, as a name is being typed. */
  g_assert_true (cd_credit_names_agency ("رويترز", "reu"));
  g_assert_true (cd_credit_names_agency ("رويترز", " Reut"));
  g_assert_false (cd_credit_names_agency ("رويترز", "r"));
  /* Other agencies, and no credit or no query. */
  g_assert_false (cd_credit_names_agency ("رويترز", "afp"));
  g_assert_false (cd_credit_names_agency ("AP Photo", "afp"));
  g_assert_false (cd_credit_names_agency ("", "afp"));
  g_assert_false (cd_credit_names_agency (NULL, "afp"));
  g_assert_false (cd_credit_names_agency ("AFP", ""));
  g_assert_false (cd_credit_names_agency ("AFP", NULL));
  /* Sources that are no known agency match by their folded name. */
  g_assert_true (cd_credit_names_agency ("Staff Photo/Harbour Times", "staff  photo"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credit/split", test_split);
  g_test_add_func ("/credit/agency-key", test_agency_key);
  g_test_add_func ("/credit/agency-keys", test_agency_keys);
  g_test_add_func ("/credit/names-agency", test_names_agency);

  return g_test_run ();
}
