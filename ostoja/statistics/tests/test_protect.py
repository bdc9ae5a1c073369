"""Small-cell protection: primary suppression, secondary suppression, small totals."""

from ostoja.statistics.protect import protect


def shown(cells):
    return [c.show() for c in cells]


def test_counts_from_one_to_the_threshold_are_hidden_zero_is_not(settings):
    settings.OSTOJA_SMALL_CELL_THRESHOLD = 10
    cells, total = protect([0, 1, 10, 11, 50], None, additive=False)
    assert shown(cells) == ["0", "<11", "<11", "11", "50"]
    assert total is None


def test_one_hidden_cell_is_not_given_away_by_the_total(settings):
    settings.OSTOJA_SMALL_CELL_THRESHOLD = 10
    cells, total = protect([3, 40, 25, 60], 128)
    # 3 alone could be worked out as 128 - 40 - 25 - 60: the smallest other count goes with it.
    assert shown(cells) == ["<11", "40", "<11", "60"]
    assert [c.why for c in cells] == ["small", "", "secondary", ""]
    assert total.show() == "128"


def test_hidden_cells_together_beyond_the_threshold(settings):
    settings.OSTOJA_SMALL_CELL_THRESHOLD = 10
    # Two hidden cells of 2 and 3 would still say "5 between them": a third is hidden.
    cells, _total = protect([2, 3, 20, 30], 55)
    assert shown(cells) == ["<11", "<11", "<11", "30"]


def test_nothing_to_hide_among_hides_the_total(settings):
    settings.OSTOJA_SMALL_CELL_THRESHOLD = 10
    cells, total = protect([4, 0, 0], 4 + 0)
    assert total.hidden and all(c.hidden for c in cells if c.count)
    # Two cells: both hidden, and the total may stay (it says only that one of them is small).
    cells, total = protect([4, 30], 34)
    assert shown(cells) == ["<11", "<11"] and not total.hidden


def test_a_small_total_hides_the_table(settings):
    settings.OSTOJA_SMALL_CELL_THRESHOLD = 10
    cells, total = protect([6, 0], 6)
    assert total.hidden and shown(cells) == ["<11", "0"]


def test_the_threshold_is_configurable(settings):
    settings.OSTOJA_SMALL_CELL_THRESHOLD = 5
    cells, _ = protect([5, 6], None, additive=False)
    assert shown(cells) == ["<6", "6"]
