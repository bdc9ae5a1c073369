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
    assert set(Language.values) <= set(loaded.languages)
    for list_key in IndicatorList.values:
        for dimension in Dimension.values:
            assert loaded.for_list(list_key, dimension), (list_key, dimension)
    for indicator in loaded.indicators:
        for language in Language.values:
            assert indicator.plain[language].endswith("?"), (indicator.code, language)
        assert indicator.staff["pl"] and indicator.staff["en"]
    ilo = [item for item in loaded.checklist if item.group == "ilo"]
    assert len(ilo) == 11
    assert any(item.group == "unodc" for item in loaded.checklist)
    assert len(loaded.contradictions) >= 3


def test_weights_follow_the_published_examples():
    by_code = indicators.load().by_code()
    # Deception about the job: strong in every list; about education: weak for adults, strong for children.
    assert set(by_code["dr_job"].weights.values()) == {"S"}
    assert by_code["dr_education"].weights["adult_labour"] == "W"
    assert by_code["dr_education"].weights["child_labour"] == "S"
    # Excessive hours is the strong exploitation indicator; document confiscation at destination too.
    assert by_code["ex_hours"].weights["adult_labour"] == "S"
    assert by_code["cd_documents"].weights["adult_sexual"] == "S"
    assert by_code["cd_threats"].weights["adult_labour"] == "M"
    assert by_code["cd_threats"].weights["child_labour"] == "S"


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


def test_missing_weight_is_refused():
    message = broken(lambda d: d["indicator"][0]["weights"].pop("child_sexual"))
    assert "dr_job" in message and "child_sexual" in message


def test_bad_weight_and_duplicate_code_and_version():
    def bad_weight(d):
        d["indicator"][1]["weights"]["adult_labour"] = "X"

    def duplicate(d):
        d["indicator"][1]["code"] = d["indicator"][0]["code"]

    assert "must be S, M, W" in broken(bad_weight)
    assert "used twice" in broken(duplicate)
    assert "version" in broken(lambda d: d.pop("version"))
    assert "phrases.bg" in broken(lambda d: d["phrases"]["bg"].pop("intro"))


def test_contradiction_must_name_known_indicators():
    def mutate(d):
        d["contradiction"][0]["when"][0]["code"] = "no_such_question"

    assert "no_such_question" in broken(mutate)


def test_system_check_runs_the_loader():
    call_command("check")
