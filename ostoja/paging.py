"""Pages of a list without counting the list: for lists that may hold the whole register.

Django's ``Paginator`` counts every row to number the pages; at a million cases that count is
most of the page's time. ``UncountedPaginator`` reads one row past the page instead, which tells
whether there is a next page; the page shows its number and the previous and next links.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator


class UncountedPage(Page):
    def __init__(self, object_list, number: int, paginator: Paginator, *, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class UncountedPaginator(Paginator):
    """``get_page`` reads ``per_page + 1`` rows at the page's offset; ``num_pages`` is unknown (None)."""

    @property
    def num_pages(self):  # type: ignore[override]
        return None

    @property
    def count(self):  # type: ignore[override]
        raise TypeError("An uncounted paginator does not count its list.")

    def get_page(self, number) -> UncountedPage:  # type: ignore[override]
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:  # past the end (a stale link): the first page
            return self.get_page(1)
        return UncountedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)

    def page(self, number) -> UncountedPage:  # type: ignore[override]
        return self.get_page(number)
