"""The risk matrix: severity × likelihood, and the highest threat sets the case's level."""

import pytest

from ostoja.assessments import risk
from ostoja.assessments.codes import RiskLevel


@pytest.mark.parametrize(
    ("severity", "likelihood", "expected"),
    [
        (1, 1, RiskLevel.LOW), (1, 2, RiskLevel.LOW), (2, 1, RiskLevel.LOW),
        (1, 3, RiskLevel.MEDIUM), (3, 1, RiskLevel.MEDIUM), (2, 2, RiskLevel.MEDIUM),
        (2, 3, RiskLevel.HIGH), (3, 2, RiskLevel.HIGH), (3, 3, RiskLevel.HIGH),
    ],
)  # fmt: skip
def test_each_cell_of_the_matrix(severity, likelihood, expected):
    assert risk.level(severity, likelihood) == expected


@pytest.mark.parametrize(("severity", "likelihood"), [(0, 2), (2, None), (4, 1), (None, None)])
def test_a_level_needs_both_ratings(severity, likelihood):
    with pytest.raises(ValueError):
        risk.level(severity, likelihood)


def test_the_highest_threat_sets_the_level():
    threats = [
        {"at_risk": "person", "threat": "debt", "severity": 1, "likelihood": 1},
        {"at_risk": "family", "threat": "family_threats", "severity": 3, "likelihood": 2},
    ]
    assert risk.overall(threats) == RiskLevel.HIGH
    assert risk.overall(threats[:1]) == RiskLevel.LOW
    assert risk.overall([]) == RiskLevel.LOW


def test_the_matrix_shown_on_screen_is_the_rule():
    rows = risk.matrix()
    assert [row["likelihood"] for row in rows] == [3, 2, 1]
    for row in rows:
        for cell in row["cells"]:
            assert cell["level"] == risk.level(cell["severity"], row["likelihood"])
