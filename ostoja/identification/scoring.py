"""The scoring rule of the screening, after the ILO/European Commission operational indicators.

**Dimension.** Each of the six dimensions is *positive* when the "yes" answers in it reach one of:

* two strong indicators, or
* one strong indicator and at least one medium or weak one, or
* three medium indicators, or
* two medium indicators and one weak one.

One strong indicator alone, or any number of weak ones alone, does not make a dimension positive.
Only "yes" counts; "no", "don't know", "doesn't want to say" and unasked questions count for nothing.

**Presumed victim.**

* An adult: recruitment (deceptive, coercive *or* by abuse of vulnerability) **and** exploitation
  **and** the means at destination (coercion *or* abuse of vulnerability at destination).
* A child (a minor now or at the time of exploitation): recruitment **and** exploitation. The means
  are not required, as in the Palermo Protocol and art. 115 §22 of the Polish Criminal Code.

**Recommendation.**

* *presumed victim* — the rule above is met;
* *further assessment needed* — it is not met, but a dimension is positive or any indicator was
  answered "yes", or fewer than half of the questions got a clear yes or no (too little is known to
  say that the indicators are absent);
* *indicators not present* — no "yes" at all and at least half of the questions answered clearly.

The recommendation is an aid. It never decides: a member of staff records the decision, and a
preliminary identification needs a supervisor's confirmation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ostoja.identification.codes import (
    DESTINATION_DIMENSIONS,
    RECRUITMENT_DIMENSIONS,
    Answer,
    Dimension,
    Recommendation,
    Weight,
)


@dataclass(frozen=True)
class Item:
    """One question of a screening with its weight in the screening's list and the answer given."""

    code: str
    dimension: str
    weight: str
    answer: str = ""  # "" = not asked yet


@dataclass
class DimensionResult:
    dimension: str
    positive: bool
    fired: list[Item] = field(default_factory=list)
    asked: int = 0
    clear: int = 0  # answered yes or no

    @property
    def strong(self) -> int:
        return sum(1 for i in self.fired if i.weight == Weight.STRONG)

    @property
    def medium(self) -> int:
        return sum(1 for i in self.fired if i.weight == Weight.MEDIUM)

    @property
    def weak(self) -> int:
        return sum(1 for i in self.fired if i.weight == Weight.WEAK)

    @property
    def label(self) -> str:
        return str(Dimension(self.dimension).label)


@dataclass
class Result:
    minor: bool
    dimensions: dict[str, DimensionResult]
    recruitment: bool
    exploitation: bool
    destination: bool
    recommendation: str
    questions: int
    clear_answers: int
    yes_answers: int

    @property
    def means_required(self) -> bool:
        return not self.minor

    @property
    def recommendation_label(self) -> str:
        return str(Recommendation(self.recommendation).label)

    def ordered(self) -> list[DimensionResult]:
        return [self.dimensions[d] for d in Dimension.values if d in self.dimensions]


def dimension_positive(strong: int, medium: int, weak: int) -> bool:
    """The Delphi threshold for one dimension (see the module docstring)."""
    return strong >= 2 or (strong >= 1 and medium + weak >= 1) or medium >= 3 or (medium >= 2 and weak >= 1)


def evaluate(items: Iterable[Item], *, minor: bool) -> Result:
    items = list(items)
    dimensions: dict[str, DimensionResult] = {}
    for dimension in Dimension.values:
        in_dimension = [i for i in items if i.dimension == dimension]
        fired = [i for i in in_dimension if i.answer == Answer.YES]
        result = DimensionResult(
            dimension=dimension,
            positive=False,
            fired=fired,
            asked=sum(1 for i in in_dimension if i.answer),
            clear=sum(1 for i in in_dimension if i.answer in (Answer.YES, Answer.NO)),
        )
        result.positive = dimension_positive(result.strong, result.medium, result.weak)
        dimensions[dimension] = result

    recruitment = any(dimensions[d].positive for d in RECRUITMENT_DIMENSIONS)
    exploitation = dimensions[Dimension.EXPLOITATION].positive
    destination = any(dimensions[d].positive for d in DESTINATION_DIMENSIONS)
    yes_answers = sum(len(d.fired) for d in dimensions.values())
    clear = sum(d.clear for d in dimensions.values())

    presumed = recruitment and exploitation and (minor or destination)
    if presumed:
        recommendation = Recommendation.PRESUMED_VICTIM
    elif yes_answers or any(d.positive for d in dimensions.values()) or clear * 2 < len(items):
        recommendation = Recommendation.FURTHER_ASSESSMENT
    else:
        recommendation = Recommendation.NOT_PRESENT
    return Result(
        minor=minor,
        dimensions=dimensions,
        recruitment=recruitment,
        exploitation=exploitation,
        destination=destination,
        recommendation=str(recommendation),
        questions=len(items),
        clear_answers=clear,
        yes_answers=yes_answers,
    )
