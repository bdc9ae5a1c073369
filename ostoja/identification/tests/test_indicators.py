"""The indicator file is complete, and a broken file is refused with a message naming the problem."""

import copy
import tomllib

import pytest
from django.core.management import call_command

from ostoja.identification import indicators
from ostoja.identification.codes import Dimension, IndicatorList, Language

RAW = tomllib.loads(indicators.DEFAULT_PATH.read_text(encoding="utf-8"))


def test_the_file_in_use_is_valid_and_complete():
    loaded = indicators.load_path(indicators.DEFAULT_PATH)
    assert loaded.version
    assert set(loaded.languages) <= set(Language.values) and {"pl", "en"} <= set(loaded.languages)
    for list_key in IndicatorList.values:
        for dimension in Dimension.values:
            assert loaded.for_list(list_key, dimension), (list_key, dimension)
    for indicator in loaded.indicators:
        for language in loaded.languages:
            assert indicator.plain[language].endswith(("?", "؟")), (indicator.code, language)
        assert indicator.staff["pl"] and indicator.staff["en"]
    ilo = [item for item in loaded.checklist if item.group == "ilo"]
    assert len(ilo) == 11
    assert any(item.group == "unodc" for item in loaded.checklist)
    assert len(loaded.contradictions) >= 3


def weight(list_key: str, code: str) -> str | None:
    entry = indicators.load().entry(list_key, code)
    return entry.weight if entry else None


def test_labour_weights_follow_the_secondary_summary():
    # Deception about the job: strong; about education: weak for adults, strong for children.
    assert weight("adult_labour", "dr_job") == weight("child_labour", "dr_job") == "S"
    assert weight("adult_labour", "dr_education") == "W"
    assert weight("child_labour", "dr_education") == "S"
    assert weight("adult_labour", "ex_hours") == "S"
    assert weight("adult_labour", "cd_threats") == "M"
    assert weight("child_labour", "cd_threats") == "S"
    # Two indicators are not in the child-labour list.
    assert weight("child_labour", "vr_false_law") is None
    assert weight("child_labour", "ex_social_protection") is None


def test_the_four_lists_are_separate_and_carry_the_confirmed_differences():
    loaded = indicators.load()
    assert len({id(entries) for entries in loaded.lists.values()}) == 4
    # "Forced tasks or clients": medium in the adult-labour list, strong in both sexual lists.
    assert weight("adult_labour", "cd_forced_tasks") == "M"
    assert weight("adult_sexual", "cd_forced_tasks") == weight("child_sexual", "cd_forced_tasks") == "S"
    assert not loaded.entry("adult_sexual", "cd_forced_tasks").provisional
    # "Hazardous work": strong in the child-sexual list.
    assert weight("child_sexual", "ex_hazardous") == "S"
    assert weight("child_labour", "ex_hazardous") == "M"
    # The sexual lists differ from the labour lists, not only in weights but in what is asked.
    adult_labour = {(c, e.weight) for c, e in loaded.lists["adult_labour"].items()}
    adult_sexual = {(c, e.weight) for c, e in loaded.lists["adult_sexual"].items()}
    assert adult_labour != adult_sexual


def test_every_weight_names_its_source_and_unconfirmed_ones_are_provisional():
    loaded = indicators.load()
    for list_key, entries in loaded.lists.items():
        for code, entry in entries.items():
            assert entry.source.code in loaded.sources, (list_key, code)
    sexual = loaded.lists["adult_sexual"]
    assert sum(1 for e in sexual.values() if not e.provisional) == 1  # only "forced tasks or clients"
    # The cells the summary gives but others dispute are provisional in the labour lists.
    for code in ("cr_violence", "vr_past", "vr_travel_difficulty", "ex_pay", "ex_living", "ex_hazardous"):
        assert loaded.entry("adult_labour", code).provisional, code
    assert not loaded.entry("adult_labour", "dr_job").provisional


def test_the_review_record_is_read_and_a_checked_file_must_say_by_whom():
    review = indicators.load().review
    assert "WCMS_105023" in review.publication
    assert review.checked is False and review.note_text("pl") and review.note_text("en")

    def claim_checked(d):
        d["review"]["checked"] = True

    assert "edition" in broken(claim_checked)


def test_every_language_has_a_review_state_and_none_is_claimed_reviewed():
    loaded = indicators.load()
    assert set(loaded.language_reviews) == set(loaded.languages)
    assert not any(review.reviewed for review in loaded.language_reviews.values())


def test_sexual_lists_have_their_own_wording():
    by_code = indicators.load().by_code()
    for code in ("dr_job", "ex_hours", "ex_pay", "cd_forced_tasks"):
        for language in indicators.load().languages:
            sexual = by_code[code].plain_text(language, sexual=True)
            assert sexual != by_code[code].plain_text(language), (code, language)
    assert "work" not in by_code["ex_hours"].plain_text("en", sexual=True)
    assert "employer" not in by_code["dr_job"].plain_text("en", sexual=True)


def test_sexual_violence_is_its_own_question_scored_as_violence():
    by_code = indicators.load().by_code()
    question = by_code["cd_sexual_violence"]
    assert question.sensitive and question.counts_as == "cd_violence"
    assert "sex" not in by_code["cd_violence"].plain_text("en")


def broken(mutate) -> str:
    data = copy.deepcopy(RAW)
    mutate(data)
    with pytest.raises(indicators.IndicatorFileError) as error:
        indicators.parse(data)
    return str(error.value)


def test_missing_language_is_refused_by_name():
    message = broken(lambda d: d["indicator"][3]["plain"].pop("vi"))
    assert "dr_wages" in message and "vi" in message


def test_unknown_dimension_is_refused():
    def mutate(d):
        d["indicator"][0]["dimension"] = "recruitment"

    assert "unknown dimension" in broken(mutate)


def test_missing_weight_and_unknown_source_are_refused():
    def no_weight(d):
        d["lists"]["child_sexual"]["items"][0].pop("weight")

    def bad_source(d):
        d["lists"]["adult_sexual"]["items"][0]["source"] = "hearsay"

    message = broken(no_weight)
    assert "child_sexual" in message and "dr_job" in message
    assert "hearsay" in broken(bad_source)


def test_bad_weight_and_duplicate_code_and_version():
    def bad_weight(d):
        d["lists"]["adult_labour"]["items"][1]["weight"] = "X"

    def duplicate(d):
        d["indicator"][1]["code"] = d["indicator"][0]["code"]

    assert "must be S, M or W" in broken(bad_weight)
    assert "used twice" in broken(duplicate)
    assert "version" in broken(lambda d: d.pop("version"))
    assert "phrases.bg" in broken(lambda d: d["phrases"]["bg"].pop("intro"))


def test_contradiction_must_name_known_indicators():
    def mutate(d):
        d["contradiction"][0]["when"][0]["code"] = "no_such_question"

    assert "no_such_question" in broken(mutate)


def test_system_check_runs_the_loader():
    call_command("check")
