"""The risk matrix: severity × likelihood of each threat gives its risk level; the highest is the case's.

=============  ==========  ==========  ==========
severity →     low (1)     medium (2)  high (3)
likelihood ↓
low (1)        low         low         medium
medium (2)     low         medium      high
high (3)       medium      high        high
=============  ==========  ==========  ==========

A product of 1–2 is low, 3–4 medium, 6–9 high: a serious threat that is merely possible, or a
likely one that is moderate, is already high.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ostoja.assessments.codes import Rating, RiskLevel

ORDER = {RiskLevel.LOW: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}


def level(severity: int, likelihood: int) -> RiskLevel:
    """The risk level of one threat; both ratings are needed (1–3)."""
    if severity not in Rating.values or likelihood not in Rating.values:
        raise ValueError("A risk level needs both ratings, each 1 to 3.")
    score = severity * likelihood
    if score >= 6:
        return RiskLevel.HIGH
    if score >= 3:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


def overall(threats: Iterable[Mapping[str, Any]]) -> RiskLevel:
    """The highest level among the rated threats; low when none is recorded."""
    levels = [level(int(t["severity"]), int(t["likelihood"])) for t in threats]
    return max(levels, key=ORDER.__getitem__, default=RiskLevel.LOW)


def matrix() -> list[dict[str, Any]]:
    """The matrix as rows for the screen: likelihood from high to low, severity from low to high."""
    return [
        {
            "likelihood": likelihood,
            "cells": [{"severity": s, "level": level(s, likelihood)} for s in Rating],
        }
        for likelihood in reversed(Rating)
    ]
