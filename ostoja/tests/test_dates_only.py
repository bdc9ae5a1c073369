"""``--dates-only`` keeps the test modules that work with dates and times, for the odd clocks in CI."""

from __future__ import annotations

from pathlib import Path

from ostoja.testing.plugin import in_share, works_with_dates


def test_modules_naming_a_date_or_time_api_are_kept(tmp_path: Path):
    kept = {
        "from datetime import timedelta": True,
        "from django.utils import timezone": True,
        "from ostoja import dates": True,
        "case.opened_on = today": True,
        "def test_markup():\n    assert '<h1>' in page": False,
    }
    cache: dict[Path, bool] = {}
    for number, (source, expected) in enumerate(kept.items()):
        path = tmp_path / f"test_{number}.py"
        path.write_text(source, encoding="utf-8")
        assert works_with_dates(path, cache) is expected, source


def test_this_suites_date_and_roster_tests_are_all_kept():
    root = Path(__file__).resolve().parents[1]
    modules = [
        "web/tests/test_dates.py",
        "web/tests/test_date_windows.py",
        "web/tests/test_stored_dates.py",
        "hotline/tests/test_roster.py",
        "identification/tests/test_status.py",
    ]
    assert all(works_with_dates(root / relative, {}) for relative in modules)


def test_the_shares_of_a_day_split_the_tests_and_turn_with_the_days():
    nodeids = [f"ostoja/x/tests/test_{n}.py::test_{n}" for n in range(500)]
    for day in (739_000, 739_001):
        shares = [{n for n in nodeids if in_share(n, index, 5, day)} for index in range(1, 6)]
        assert set().union(*shares) == set(nodeids)  # every test in a share
        assert sum(len(share) for share in shares) == len(nodeids)  # and in one only
        assert all(60 < len(share) < 140 for share in shares)  # of about a fifth each
    # Over five days each test meets every share, so every odd clock.
    for nodeid in nodeids[:20]:
        met = {
            index
            for day in range(739_000, 739_005)
            for index in range(1, 6)
            if in_share(nodeid, index, 5, day)
        }
        assert met == {1, 2, 3, 4, 5}
