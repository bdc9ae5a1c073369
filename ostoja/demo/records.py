"""Fictional persons and cases for the demo (filled in as the case core lands)."""

from __future__ import annotations


def ensure_demo_records() -> list[str]:
    return []
