"""No page scrolls sideways, at phone width (360 px) or on a desktop (1280 px): every staff page of the
tour (with the demo data, as a colleague holding every role, and as a duty worker and a colleague
outside a case team), the sign-in pages, and every public page in every language.

Wide tables scroll inside their own box (``.table-wrap``); text wraps.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from ostoja.testing.tour import load_tour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The elements that reach past the right edge, outside any box that scrolls or clips them (an
# absolutely positioned one escapes a scrolling box that is not positioned itself).
WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (e) => {
    if (['absolute', 'fixed'].includes(getComputedStyle(e).position)) return false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll('*')]
    .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1 && !clipped(e); })
    .slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')}`);
}"""


def test_no_page_scrolls_sideways(browser, live_server):
    tour = load_tour()
    contexts = {}
    for who in sorted({page.who for page in tour.pages}):
        client = tour.client(who)
        context = browser.new_context(base_url=live_server.url, locale="pl-PL")
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        if cookie is not None:
            context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        contexts[who] = context.new_page()
        contexts[who].set_default_timeout(10_000)
    found: list[str] = []
    for page in tour.pages:
        tab = contexts[page.who]
        tab.set_viewport_size({"width": 360, "height": 800})
        response = tab.goto(page.url)
        assert response.ok, f"{page.url} ({page.who}): {response.status}"
        # Each page is loaded once and laid out at both widths (a media query applies at once).
        for width in (360, 1280):
            tab.set_viewport_size({"width": width, "height": 800})
            scroll_width = tab.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                found.append(
                    f"{width} px: {page.url} ({page.who}) is {scroll_width} px wide: {tab.evaluate(WIDE)}"
                )
    for tab in contexts.values():
        tab.context.close()
    assert not found, "\n".join(found)
