"""The scoring rule on worked examples: each dimension, then adults and children."""

from types import SimpleNamespace

import pytest

from ostoja.identification import indicators, services
from ostoja.identification.codes import Dimension, IndicatorList, LegalPath, Recommendation
from ostoja.identification.scoring import Item, dimension_positive, evaluate

D = Dimension


@pytest.mark.parametrize(
    ("strong", "medium", "weak", "positive"),
    [
        (2, 0, 0, True),  # two strong
        (1, 1, 0, True),  # one strong + one medium
        (1, 0, 1, True),  # one strong + one weak
        (0, 3, 0, True),  # three medium
        (0, 2, 1, True),  # two medium + one weak
        (1, 0, 0, False),  # one strong alone
        (0, 2, 0, False),  # two medium alone
        (0, 1, 3, False),  # one medium and weak ones
        (0, 0, 5, False),  # weak ones alone
        (0, 0, 0, False),
    ],
)
def test_dimension_threshold(strong, medium, weak, positive):
    assert dimension_positive(strong, medium, weak) is positive


def items(dimension, *weights_and_answers):
    return [
        Item(f"{dimension}_{n}", dimension, weight, answer)
        for n, (weight, answer) in enumerate(weights_and_answers)
    ]


@pytest.mark.parametrize("dimension", list(Dimension.values))
def test_each_dimension_counts_only_yes(dimension):
    # One strong "yes" + one medium "don't know" is not enough; the medium turning "yes" makes it positive.
    unsure = evaluate(items(dimension, ("S", "yes"), ("M", "unknown"), ("W", "declined")), minor=False)
    assert not unsure.dimensions[dimension].positive
    sure = evaluate(items(dimension, ("S", "yes"), ("M", "yes"), ("W", "no")), minor=False)
    result = sure.dimensions[dimension]
    assert result.positive
    assert (result.strong, result.medium, result.weak) == (1, 1, 0)
    assert [i.code for i in result.fired] == [f"{dimension}_0", f"{dimension}_1"]


def full(**positive) -> list[Item]:
    """One case: each dimension named True gets two strong "yes", the rest two "no"."""
    out = []
    for dimension in Dimension.values:
        answer = "yes" if positive.get(dimension) else "no"
        out += items(dimension, ("S", answer), ("S", answer), ("M", "no"))
    return out


def test_adult_deceptive_recruitment_exploitation_and_coercion_is_a_presumed_victim():
    result = evaluate(
        full(deceptive_recruitment=True, exploitation=True, coercion_destination=True), minor=False
    )
    assert result.recommendation == Recommendation.PRESUMED_VICTIM
    assert LegalPath.INDICATOR_RULE in result.paths


def test_adult_abuse_of_vulnerability_alone_is_shown_as_such():
    result = evaluate(
        full(vulnerability_recruitment=True, exploitation=True, vulnerability_destination=True), minor=False
    )
    assert result.recommendation == Recommendation.PRESUMED_VICTIM
    assert result.paths == [LegalPath.VULNERABILITY_ONLY]


def test_deception_with_vulnerability_at_destination_is_the_indicator_rule():
    result = evaluate(
        full(deceptive_recruitment=True, exploitation=True, vulnerability_destination=True), minor=False
    )
    assert result.paths == [LegalPath.INDICATOR_RULE]


def test_adult_without_means_at_destination_needs_further_assessment():
    result = evaluate(full(coercive_recruitment=True, exploitation=True), minor=False)
    assert result.recruitment and result.exploitation and not result.destination
    assert result.recommendation == Recommendation.FURTHER_ASSESSMENT
    assert result.paths == []


def test_adult_without_exploitation_needs_further_assessment():
    result = evaluate(full(deceptive_recruitment=True, coercion_destination=True), minor=False)
    assert result.recommendation == Recommendation.FURTHER_ASSESSMENT


def test_adult_coercion_at_destination_and_exploitation_is_harbouring_by_force():
    # No recruitment dimension positive: harbouring and receiving are acts under art. 115 §22.
    result = evaluate(full(exploitation=True, coercion_destination=True), minor=False)
    assert not result.recruitment
    assert result.recommendation == Recommendation.PRESUMED_VICTIM
    assert result.paths == [LegalPath.HARBOURING_BY_FORCE]


def test_child_needs_no_means():
    # The same answers as the adult above who needed further assessment.
    result = evaluate(full(coercive_recruitment=True, exploitation=True), minor=True)
    assert result.recommendation == Recommendation.PRESUMED_VICTIM
    assert result.path == LegalPath.CHILD
    assert not result.means_required


def test_child_needs_only_exploitation():
    result = evaluate(full(exploitation=True), minor=True)
    assert result.recommendation == Recommendation.PRESUMED_VICTIM
    assert result.paths == [LegalPath.CHILD]


def test_child_without_exploitation_needs_further_assessment():
    result = evaluate(full(coercive_recruitment=True, coercion_destination=True), minor=True)
    assert result.recommendation == Recommendation.FURTHER_ASSESSMENT


def test_all_no_is_no_indicators_reported_with_full_coverage():
    result = evaluate(full(), minor=False)
    assert result.recommendation == Recommendation.NO_INDICATORS_REPORTED
    assert result.yes_answers == 0
    assert result.covered_dimensions == 6
    assert (result.coverage.no, result.coverage.unknown, result.coverage.not_asked) == (18, 0, 0)


def test_no_and_dont_know_is_no_indicators_reported_not_absence():
    answers = [
        Item(i.code, i.dimension, i.weight, "unknown" if n % 3 else "no") for n, i in enumerate(full())
    ]
    result = evaluate(answers, minor=False)
    assert result.recommendation == Recommendation.NO_INDICATORS_REPORTED
    assert (result.coverage.no, result.coverage.unknown) == (6, 12)
    assert result.covered_dimensions == 0


def test_a_single_yes_means_further_assessment_even_with_no_positive_dimension():
    answers = full()
    answers[0] = Item(answers[0].code, answers[0].dimension, "W", "yes")
    result = evaluate(answers, minor=False)
    assert not any(d.positive for d in result.dimensions.values())
    assert result.recommendation == Recommendation.FURTHER_ASSESSMENT


def test_coverage_counts_every_kind_of_non_answer():
    kinds = ["unknown", "declined", "", "no", "yes", "unknown"]
    answers = [Item(f"q{n}", Dimension.EXPLOITATION, "W", kind) for n, kind in enumerate(kinds)]
    coverage = evaluate(answers, minor=False).coverage
    assert (coverage.yes, coverage.no, coverage.unknown, coverage.declined, coverage.not_asked) == (
        1,
        1,
        2,
        1,
        1,
    )
    assert coverage.total == 6 and not coverage.covered


# --- Worked examples on the lists in use -----------------------------------------------------------


def screen(list_key: str, yes: set[str], *, minor: bool, rest: str = "no"):
    """Scores the real list: the named questions "yes", every other question ``rest``."""
    screening = SimpleNamespace(indicator_list=list_key, minor=minor)
    answers = {i.code: ("yes" if i.code in yes else rest) for i in indicators.load().for_list(list_key)}
    return services.screening_result(screening, answers)


def test_a_sixteen_year_old_taken_by_an_uncle_to_beg_is_a_presumed_victim_by_the_child_rule():
    # No deception or coercion at recruitment; a positive exploitation dimension.
    result = screen(
        "child_labour", {"vr_family", "ex_hours", "ex_pay", "ex_education", "vd_dependency"}, minor=True
    )
    assert not result.dimensions[Dimension.DECEPTIVE_RECRUITMENT].positive
    assert not result.dimensions[Dimension.COERCIVE_RECRUITMENT].positive
    assert result.exploitation
    assert result.recommendation == Recommendation.PRESUMED_VICTIM
    assert result.path == LegalPath.CHILD


def test_the_same_answers_for_an_adult_need_further_assessment():
    result = screen("adult_labour", {"vr_family", "ex_hours", "ex_pay", "vd_dependency"}, minor=False)
    assert result.exploitation and not result.recruitment and not result.destination
    assert result.recommendation == Recommendation.FURTHER_ASSESSMENT


def test_an_adult_locked_in_without_passport_forced_to_take_clients_is_harboured_by_force():
    # Recruited by a boyfriend without deception: no recruitment dimension is positive.
    result = screen(
        "adult_sexual",
        {
            "vr_emotional",
            "cd_isolation",
            "cd_documents",
            "cd_forced_tasks",
            "ex_pay",
            "ex_living",
            "ex_working",
        },
        minor=False,
    )
    assert not result.recruitment
    assert result.coercion and result.exploitation
    assert result.recommendation == Recommendation.PRESUMED_VICTIM
    assert result.path == LegalPath.HARBOURING_BY_FORCE


def test_a_child_in_sexual_exploitation_is_a_presumed_victim_without_means():
    result = screen("child_sexual", {"ex_hazardous", "ex_hours"}, minor=True)
    assert result.recommendation == Recommendation.PRESUMED_VICTIM
    assert result.paths == [LegalPath.CHILD]


def test_vulnerability_only_on_the_adult_labour_list():
    result = screen(
        "adult_labour",
        {"vr_economic", "vr_irregular", "vr_emotional", "ex_hours", "ex_pay", "vd_dependency", "vd_unknown_area",
         "vd_legal_status"},
        minor=False,
    )  # fmt: skip
    assert result.paths == [LegalPath.VULNERABILITY_ONLY]


def test_denial_on_a_real_list():
    denied = screen("adult_sexual", set(), minor=False)
    assert denied.recommendation == Recommendation.NO_INDICATORS_REPORTED
    assert denied.covered_dimensions == 6
    unsure = screen("adult_sexual", set(), minor=False, rest="unknown")
    assert unsure.recommendation == Recommendation.NO_INDICATORS_REPORTED
    assert unsure.covered_dimensions == 0 and unsure.coverage.unknown == unsure.coverage.total


@pytest.mark.parametrize("list_key", list(IndicatorList.values))
@pytest.mark.parametrize("dimension", list(Dimension.values))
def test_each_dimension_of_each_list(list_key, dimension):
    """Every question of a dimension "yes" makes it positive; a single strong one alone does not."""
    questions = indicators.load().for_list(list_key, dimension)
    every = screen(
        list_key, {q.code for q in questions if not q.counts_as}, minor=list_key.startswith("child")
    )
    assert every.dimensions[dimension].positive
    strong = [
        q for q in questions if indicators.load().entry(list_key, q.code).weight == "S" and not q.counts_as
    ]
    if strong:
        alone = screen(list_key, {strong[0].code}, minor=list_key.startswith("child"))
        assert not alone.dimensions[dimension].positive


def test_sexual_violence_is_asked_apart_but_counts_once_with_violence():
    both = screen("adult_sexual", {"cd_violence", "cd_sexual_violence"}, minor=False)
    coercion = both.dimensions[Dimension.COERCION_DESTINATION]
    assert coercion.strong == 1 and not coercion.positive  # one indicator, not two
    only_sexual = screen("adult_sexual", {"cd_sexual_violence", "cd_threats"}, minor=False)
    assert only_sexual.dimensions[Dimension.COERCION_DESTINATION].positive  # S + M


def test_a_result_on_provisional_weights_says_so():
    labour = screen("adult_labour", {"cd_isolation", "cd_documents"}, minor=False)
    assert labour.dimensions[Dimension.COERCION_DESTINATION].positive
    assert not labour.rests_on_provisional  # both weights from the secondary summary
    sexual = screen("adult_sexual", {"cd_isolation", "cd_documents"}, minor=False)
    assert sexual.rests_on_provisional  # taken over from the labour list: provisional
