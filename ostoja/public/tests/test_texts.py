"""What the public texts say, in every language: the same facts as the Polish, the promises the
centre can keep, and none of the wording a reviewer found misleading."""

import re
from collections import Counter

import pytest

from ostoja.public import languages, seed

CODES = languages.CODES
NON_POLISH = [code for code in CODES if code != "pl"]


def body(language: str, key: str) -> str:
    return "\n".join(seed.read(language)["texts"][key]["body"])


def numbers(text: str) -> Counter:
    return Counter(re.findall(r"\d+", text))


@pytest.mark.parametrize("language", CODES)
def test_reflection_period_and_permit_numbers_match_the_polish(language):
    # 3 months (4 for minors), the permit from 6 months to 3 years, 3 months of free movement.
    def facts(text):
        found = numbers(text)
        return {n: found[n] for n in ("3", "4", "6")}

    assert facts(body(language, "rights")) == facts(body("pl", "rights")) == {"3": 3, "4": 1, "6": 1}


@pytest.mark.parametrize("language", CODES)
def test_rights_name_the_border_guard_lapse_permit_conditions_and_eu_citizens(language):
    rights = body(language, "rights")
    assert "Straż Graniczna" in rights
    # Two sections: not an EU citizen (certificate, permit) and an EU citizen (what applies instead).
    assert rights.count("\n## ") == 2
    assert "112" in body(language, "contact")


@pytest.mark.parametrize("language", CODES)
def test_112_is_given_where_the_polish_gives_it(language):
    for key in ("contact", "react", "report", "after_call"):
        assert numbers(body(language, key))["112"] == numbers(body("pl", key))["112"] >= 1, key


@pytest.mark.parametrize("language", CODES)
def test_no_promise_that_nothing_happens_without_consent(language):
    after_call = body(language, "after_call")
    # The section on when the centre must act: danger to life (112), a child (under 18), the law.
    assert "## " in after_call
    assert {"112", "18"} <= set(numbers(after_call))
    assert len([line for line in after_call.split("\n## ", 1)[1].splitlines() if line.startswith("- ")]) == 4


@pytest.mark.parametrize("language", NON_POLISH)
def test_foreign_readers_get_the_programme_for_foreign_victims_not_the_returnees_catalogue(language):
    help_text = body(language, "help")
    english = body("en", "help")
    assert help_text.count("\n## ") == english.count("\n## ") == 2
    items = [line for line in help_text.splitlines() if line.startswith("- ")]
    assert len(items) == 6, items  # housing, care, legal advice, authorities, legal stay, return


def test_the_polish_page_keeps_the_returnees_catalogue_and_adds_the_foreigners_programme():
    help_text = body("pl", "help")
    assert "## Dla obywateli Polski: po powrocie do Polski" in help_text
    assert "## Dla cudzoziemców w Polsce" in help_text


@pytest.mark.parametrize("language", CODES)
def test_the_centre_is_named_with_kcik(language):
    assert "(KCIK)" in body(language, "about")


# The six cities of Faire Mobilität's advice centres, as each language writes them.
CITIES = {
    "pl": ("Berlinie", "Dortmundzie", "Frankfurcie nad Menem", "Hamburgu", "Monachium", "Stuttgarcie"),
    "en": ("Berlin", "Dortmund", "Frankfurt am Main", "Hamburg", "Munich", "Stuttgart"),
    "de": ("Berlin", "Dortmund", "Frankfurt am Main", "Hamburg", "München", "Stuttgart"),
    "ro": ("Berlin", "Dortmund", "Frankfurt pe Main", "Hamburg", "München", "Stuttgart"),
    "fr": ("Berlin", "Dortmund", "Francfort-sur-le-Main", "Hambourg", "Munich", "Stuttgart"),
    "nl": ("Berlijn", "Dortmund", "Frankfurt am Main", "Hamburg", "München", "Stuttgart"),
    "es": ("Berlín", "Dortmund", "Fráncfort del Meno", "Hamburgo", "Múnich", "Stuttgart"),
    "tl": ("Berlin", "Dortmund", "Frankfurt am Main", "Hamburg", "Munich", "Stuttgart"),
    "vi": ("Berlin", "Dortmund", "Frankfurt am Main", "Hamburg", "München", "Stuttgart"),
}


@pytest.mark.parametrize("language", sorted(CITIES))
def test_the_german_advice_centres_match_the_polish(language):
    abroad = body(language, "abroad")
    for city in CITIES[language]:
        assert city in abroad, city


MISLEADING = {
    "uk": ["ув'язнення"],
    "bg": ["лишаване от свобода"],
    "ro": ["Despărțirea", "nu sunteți sigur"],
    "be": ["умяшання", "экстраных", "не ўпэўнены"],
    "tl": ["nagtatago", "Walang iniiwang", "Hiwalay siya"],
    "de": ["hat Ihre Dokumente", "Opfer"],
    "nl": ["houdt hij uw documenten vast", "kunt zijn"],
    "fr": ["n’êtes pas sûr", "pense être victime", "ne connaît pas son adresse ni"],
    "es": ["no esté seguro", "¡Reacciona!"],
    "ka": ["უცხოელთა ცხოვრების უფლება", "მას ჩვენი"],
    "en": ["as if it is", "FairWork", "keep your documents"],
}


@pytest.mark.parametrize("language", sorted(MISLEADING))
def test_wording_the_reviewers_found_misleading_is_gone(language):
    content = seed.read(language)
    everything = "\n".join(
        [t["title"] for t in content["texts"].values()]
        + ["\n".join(t["body"]) for t in content["texts"].values()]
        + list(content["partners"].values())
    )
    for phrase in MISLEADING[language]:
        assert phrase not in everything, phrase


def test_german_french_and_dutch_keep_may_be_for_the_unsure_reader():
    assert "vielleicht von Menschenhandel betroffen" in body("de", "about")
    assert "pouvoir être victime" in body("fr", "about")
    assert "misschien slachtoffer" in body("nl", "about")


IN_EMERGENCIES = {
    "pl": "w nagłych sytuacjach", "en": "in emergencies", "uk": "у надзвичайних ситуаціях",
    "ru": "в экстренных случаях", "be": "у экстранных выпадках", "ro": "în situații de urgență",
    "bg": "при спешни случаи", "vi": "khi khẩn cấp", "ka": "გადაუდებელ შემთხვევაში",
    "es": "en emergencias", "fr": "en cas d’urgence", "de": "in Notfällen", "nl": "in noodgevallen",
    "tl": "sa emergency", "ar": "في حالات الطوارئ",
}  # fmt: skip


@pytest.mark.parametrize("language", CODES)
def test_the_24_7_title_says_in_emergencies(language):
    assert IN_EMERGENCIES[language] in seed.read(language)["texts"]["free"]["title"]


@pytest.mark.parametrize("language", CODES)
def test_every_language_lists_its_open_terms(language):
    assert seed.open_terms(language)
