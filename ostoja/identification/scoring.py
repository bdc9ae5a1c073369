"""The scoring rule of the screening: the ILO/European Commission indicators and art. 115 §22 k.k.

**Dimension.** Each of the six dimensions is *positive* when the "yes" answers in it reach one of:

* two strong indicators, or
* one strong indicator and at least one medium or weak one, or
* three medium indicators, or
* two medium indicators and one weak one.

One strong indicator alone, or any number of weak ones alone, does not make a dimension positive.
Only "yes" counts; "no", "don't know", "doesn't want to say" and unasked questions count for nothing.
Questions asked apart but scored as one indicator of the publication (``counts_as``: sexual violence
is asked apart from beatings) count once.

**Paths to "presumed victim"** (art. 115 §22 of the Polish Criminal Code next to the indicator rule;
every path that holds is shown, the first is the one named on the result):

* *child* — the person is a minor (now or when exploited) and the exploitation dimension is
  positive: for a person under 18 the means are not required (§22, last sentence), and recruiting,
  transporting, harbouring or receiving a child for exploitation is enough.
* *harbouring or receiving by force* — exploitation and coercion at destination are positive.
  Harbouring and receiving a person are acts under §22, so force at destination is enough even when
  no recruitment dimension is positive.
* *indicator rule* — a recruitment dimension, exploitation, and coercion or abuse of vulnerability
  at destination are positive (the rule described for the ILO/EC lists).
* *abuse of vulnerability only* — the indicator rule holds only through the two vulnerability
  dimensions. Abuse of a critical position or a state of helplessness is itself a means in §22, so
  the result is "presumed victim", shown as resting on vulnerability alone for the worker to weigh.

**Recommendation.**

* *presumed victim* — a path holds;
* *further assessment needed* — no path holds, but some indicator was answered "yes";
* *no indicators reported* — no "yes" at all. Denial at first contact is common: this is never
  "indicators absent". The coverage (how many questions got a clear yes or no, how many "don't
  know", "doesn't want to say" or not asked, and which dimensions were covered) is shown with it.

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
    LegalPath,
    Recommendation,
    Weight,
)

# A dimension counts as covered when at least this share of its indicators got a clear yes or no.
COVERED_SHARE = 0.5

# When one indicator was asked as several questions, the answer it is scored with.
_ANSWER_RANK = {Answer.YES: 4, Answer.NO: 3, Answer.UNKNOWN: 2, Answer.DECLINED: 1, "": 0}


@dataclass(frozen=True)
class Item:
    """One question of a screening with its weight in the screening's list and the answer given."""

    code: str
    dimension: str
    weight: str
    answer: str = ""  # "" = not asked yet
    counts_as: str = ""  # the indicator it is scored as, when asked apart from it
    provisional: bool = False  # the weight is not confirmed

    @property
    def scored_as(self) -> str:
        return self.counts_as or self.code


@dataclass
class Coverage:
    """How the questions were answered: a screening of denials is not a screening of absence."""

    yes: int = 0
    no: int = 0
    unknown: int = 0
    declined: int = 0
    not_asked: int = 0

    @property
    def total(self) -> int:
        return self.yes + self.no + self.unknown + self.declined + self.not_asked

    @property
    def clear(self) -> int:
        return self.yes + self.no

    @property
    def covered(self) -> bool:
        return self.total > 0 and self.clear >= COVERED_SHARE * self.total

    def add(self, answer: str) -> None:
        name = {Answer.YES: "yes", Answer.NO: "no", Answer.UNKNOWN: "unknown", Answer.DECLINED: "declined"}
        attribute = name.get(answer, "not_asked")
        setattr(self, attribute, getattr(self, attribute) + 1)


@dataclass
class DimensionResult:
    dimension: str
    positive: bool
    fired: list[Item] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)

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
    def rests_on_provisional(self) -> bool:
        return self.positive and any(i.provisional for i in self.fired)

    @property
    def label(self) -> str:
        return str(Dimension(self.dimension).label)


@dataclass
class Result:
    minor: bool
    dimensions: dict[str, DimensionResult]
    recruitment: bool
    exploitation: bool
    coercion: bool
    destination: bool
    paths: list[str]
    recommendation: str
    coverage: Coverage

    @property
    def path(self) -> str:
        """The path named on the result ("" when none holds)."""
        return self.paths[0] if self.paths else ""

    @property
    def path_label(self) -> str:
        return str(LegalPath(self.path).label) if self.path else ""

    @property
    def means_required(self) -> bool:
        return not self.minor

    @property
    def recommendation_label(self) -> str:
        return str(Recommendation(self.recommendation).label)

    @property
    def questions(self) -> int:
        return self.coverage.total

    @property
    def clear_answers(self) -> int:
        return self.coverage.clear

    @property
    def yes_answers(self) -> int:
        return self.coverage.yes

    @property
    def covered_dimensions(self) -> int:
        return sum(1 for d in self.dimensions.values() if d.coverage.covered)

    @property
    def rests_on_provisional(self) -> bool:
        return any(d.rests_on_provisional for d in self.dimensions.values())

    def ordered(self) -> list[DimensionResult]:
        return [self.dimensions[d] for d in Dimension.values if d in self.dimensions]


def dimension_positive(strong: int, medium: int, weak: int) -> bool:
    """The Delphi threshold for one dimension (see the module docstring)."""
    return strong >= 2 or (strong >= 1 and medium + weak >= 1) or medium >= 3 or (medium >= 2 and weak >= 1)


def _scored(items: list[Item]) -> list[Item]:
    """One item per indicator of the publication: questions asked apart merge into their indicator."""
    merged: dict[str, Item] = {}
    for item in items:
        key = item.scored_as
        held = merged.get(key)
        if held is None:
            merged[key] = item
            continue
        base = held if not held.counts_as else item  # the indicator's own question carries the weight
        best = max((held.answer, item.answer), key=lambda a: _ANSWER_RANK.get(a, 0))
        merged[key] = Item(key, base.dimension, base.weight, best, "", base.provisional)
    return list(merged.values())


def evaluate(items: Iterable[Item], *, minor: bool) -> Result:
    items = _scored(list(items))
    dimensions: dict[str, DimensionResult] = {}
    coverage = Coverage()
    for dimension in Dimension.values:
        result = DimensionResult(dimension=dimension, positive=False)
        for item in items:
            if item.dimension != dimension:
                continue
            result.coverage.add(item.answer)
            coverage.add(item.answer)
            if item.answer == Answer.YES:
                result.fired.append(item)
        result.positive = dimension_positive(result.strong, result.medium, result.weak)
        dimensions[dimension] = result

    recruitment = any(dimensions[d].positive for d in RECRUITMENT_DIMENSIONS)
    exploitation = dimensions[Dimension.EXPLOITATION].positive
    coercion = dimensions[Dimension.COERCION_DESTINATION].positive
    destination = any(dimensions[d].positive for d in DESTINATION_DIMENSIONS)

    paths: list[str] = []
    if minor and exploitation:
        paths.append(LegalPath.CHILD)
    if exploitation and coercion:
        paths.append(LegalPath.HARBOURING_BY_FORCE)
    if recruitment and exploitation and destination:
        through_vulnerability_only = not coercion and not any(
            dimensions[d].positive for d in (Dimension.DECEPTIVE_RECRUITMENT, Dimension.COERCIVE_RECRUITMENT)
        )
        paths.append(LegalPath.VULNERABILITY_ONLY if through_vulnerability_only else LegalPath.INDICATOR_RULE)

    if paths:
        recommendation = Recommendation.PRESUMED_VICTIM
    elif coverage.yes:
        recommendation = Recommendation.FURTHER_ASSESSMENT
    else:
        recommendation = Recommendation.NO_INDICATORS_REPORTED
    return Result(
        minor=minor,
        dimensions=dimensions,
        recruitment=recruitment,
        exploitation=exploitation,
        coercion=coercion,
        destination=destination,
        paths=[str(p) for p in paths],
        recommendation=str(recommendation),
        coverage=coverage,
    )
