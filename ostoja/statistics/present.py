"""Tables as shown: small cells protected, the previous period beside, a bar chart drawn as SVG."""

from __future__ import annotations

from dataclasses import dataclass

from ostoja.statistics.figures import Figures, Table
from ostoja.statistics.protect import Cell, protect

BAR_WIDTH = 300  # the longest bar, in the SVG's units
ROW_HEIGHT = 22
LABEL_WIDTH = 260


@dataclass
class Row:
    code: str
    label: object
    now: Cell
    before: Cell | None
    change: str  # "+12", "−3" or "" where either side is hidden or there is no previous period


@dataclass
class Bar:
    label: str
    y: int
    width: int
    text: str
    hidden: bool

    # Coordinates as text: the template does not localise them (and no thousands separator sneaks in).
    @property
    def geometry(self) -> dict[str, str]:
        return {
            "text_y": str(self.y + 15),
            "rect_y": str(self.y + 4),
            "w": str(self.width),
            "text_x": str(self.width + 268),
        }


@dataclass
class Shown:
    key: str
    title: object
    note: object
    rows: list[Row]
    total: Cell | None
    total_before: Cell | None
    any_hidden: bool
    bars: list[Bar]
    chart_height: str


def _change(now: Cell, before: Cell | None) -> str:
    if before is None or now.hidden or before.hidden:
        return ""
    diff = now.count - before.count
    return f"+{diff}" if diff > 0 else (f"\u2212{-diff}" if diff < 0 else "0")


def _cells(table: Table, order: list[str]) -> tuple[list[Cell], Cell | None]:
    by_code = {code: n for code, _l, n in table.rows}
    return protect([by_code.get(code, 0) for code in order], table.total, additive=table.additive)


def show(figures: Figures, previous: Figures | None) -> list[Shown]:
    before_tables = {t.key: t for t in previous.tables} if previous else {}
    shown = []
    for table in figures.tables:
        codes = [code for code, _l, _n in table.rows]
        cells, total = _cells(table, codes)
        before = before_tables.get(table.key)
        if before is not None:
            before_cells, before_total = _cells(before, codes)
        else:
            before_cells, before_total = [None] * len(cells), None
        rows = [
            Row(code, label, cell, old, _change(cell, old))
            for (code, label, _n), cell, old in zip(table.rows, cells, before_cells, strict=True)
        ]
        peak = max((c.count for c in cells if not c.hidden), default=0) or 1
        bars = [
            Bar(str(row.label), i * ROW_HEIGHT, 0 if row.now.hidden else round(BAR_WIDTH * row.now.count / peak),
                row.now.show(), row.now.hidden)
            for i, row in enumerate(rows)
        ]  # fmt: skip
        shown.append(Shown(
            table.key, table.title, table.note, rows, total, before_total,
            any(c.hidden for c in cells) or bool(total and total.hidden), bars, str(len(rows) * ROW_HEIGHT + 4),
        ))  # fmt: skip
    return shown
