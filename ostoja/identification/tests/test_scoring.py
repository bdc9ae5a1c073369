"""The scoring rule on worked examples: each dimension, then adults and children."""

import pytest

from ostoja.identification.codes import Dimension, Recommendation
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


def test_adult_abuse_of_vulnerability_can_stand_in_for_recruitment_and_for_coercion():
    result = evaluate(
        full(vulnerability_recruitment=True, exploitation=True, vulnerability_destination=True), minor=False
    )
    assert result.recommendation == Recommendation.PRESUMED_VICTIM


def test_adult_without_means_at_destination_needs_further_assessment():
    result = evaluate(full(coercive_recruitment=True, exploitation=True), minor=False)
    assert result.recruitment and result.exploitation and not result.destination
    assert result.recommendation == Recommendation.FURTHER_ASSESSMENT


def test_adult_without_exploitation_needs_further_assessment():
    result = evaluate(full(deceptive_recruitment=True, coercion_destination=True), minor=False)
    assert result.recommendation == Recommendation.FURTHER_ASSESSMENT


def test_child_needs_no_means():
    # The same answers as the adult above who needed further assessment.
    result = evaluate(full(coercive_recruitment=True, exploitation=True), minor=True)
    assert result.recommendation == Recommendation.PRESUMED_VICTIM
    assert not result.means_required


def test_child_still_needs_recruitment_and_exploitation():
    result = evaluate(full(exploitation=True, coercion_destination=True), minor=True)
    assert result.recommendation == Recommendation.FURTHER_ASSESSMENT


def test_all_no_is_indicators_not_present():
    result = evaluate(full(), minor=False)
    assert result.recommendation == Recommendation.NOT_PRESENT
    assert result.yes_answers == 0


def test_a_single_yes_means_further_assessment_even_with_no_positive_dimension():
    answers = full()
    answers[0] = Item(answers[0].code, answers[0].dimension, "W", "yes")
    result = evaluate(answers, minor=False)
    assert not any(d.positive for d in result.dimensions.values())
    assert result.recommendation == Recommendation.FURTHER_ASSESSMENT


def test_too_little_known_is_never_indicators_not_present():
    answers = [Item(i.code, i.dimension, i.weight, "unknown") for i in full()]
    assert evaluate(answers, minor=False).recommendation == Recommendation.FURTHER_ASSESSMENT
    unasked = [Item(i.code, i.dimension, i.weight, "") for i in full()]
    assert evaluate(unasked, minor=False).recommendation == Recommendation.FURTHER_ASSESSMENT
