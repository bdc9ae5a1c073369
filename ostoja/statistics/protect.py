"""Small-cell protection for every statistical output.

A count from 1 to the threshold (``OSTOJA_SMALL_CELL_THRESHOLD``, default 10) is shown as "<11"
(primary suppression). Where a table's cells add up to a total that is shown, one hidden cell could
be worked out as the total minus the others; so cells are hidden until the hidden ones together
exceed the threshold and are more than one, taking the smallest counts first (secondary
suppression). A total that is itself small hides the whole table. Zero is shown: it says nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


def threshold() -> int:
    return int(settings.OSTOJA_SMALL_CELL_THRESHOLD)


@dataclass(frozen=True)
class Cell:
    count: int
    hidden: bool
    why: str = ""  # "small" (primary) or "secondary"

    def show(self) -> str:
        return f"<{threshold() + 1}" if self.hidden else f"{self.count:,}".replace(",", "\u00a0")


def protect(
    counts: list[int], total: int | None = None, *, additive: bool = True
) -> tuple[list[Cell], Cell | None]:
    """The cells (and the total) as they may be shown.

    ``additive``: the counts add up to ``total`` (each person in one row). Tables where a person may
    be in several rows (forms of exploitation) are not additive: only primary suppression applies,
    since no cell can be worked out from the total.
    """
    limit = threshold()
    total_cell = None
    if total is not None:
        if 0 < total <= limit:
            return [Cell(c, c > 0, "small" if c > 0 else "") for c in counts], Cell(total, True, "small")
        total_cell = Cell(total, False)
    hidden = {i for i, c in enumerate(counts) if 0 < c <= limit}
    if additive and total is not None and hidden:
        order = sorted((c, i) for i, c in enumerate(counts) if c > 0 and i not in hidden)
        while (len(hidden) < 2 or sum(counts[i] for i in hidden) <= limit) and order:
            hidden.add(order.pop(0)[1])
        if len(hidden) < 2 or sum(counts[i] for i in hidden) <= limit:
            total_cell = Cell(total, True, "secondary")  # nothing left to hide the cell among
    cells = [
        Cell(c, i in hidden, ("small" if c <= limit else "secondary") if i in hidden else "")
        for i, c in enumerate(counts)
    ]
    return cells, total_cell
