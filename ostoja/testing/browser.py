"""Playwright driving Debian's Chromium (``/usr/bin/chromium``) for the browser tests."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import testcases

CHROMIUM = os.environ.get("OSTOJA_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("OSTOJA_TEST_ARTIFACTS", "test-artifacts"))


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, answering one request at a time when its threads share one connection.

    An in-memory SQLite test database is one connection, which the live server's request threads
    share with the test; two requests inside their transactions at once (ATOMIC_REQUESTS) break it
    ("cannot start a transaction within a transaction"). A tab left polling while another loads a
    page is enough. Connections stay concurrent; only the application is entered by one at a time.
    """

    def set_app(self, application):
        if self.connections_override:
            lock = threading.Lock()

            def one_at_a_time(environ, start_response):
                with lock:
                    return application(environ, start_response)

            return super().set_app(one_at_a_time)
        return super().set_app(application)


class LiveServerThread(testcases.LiveServerThread):
    server_class = OneRequestAtATimeServer


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server, started after the test database exists, with the server above.

    Started before it (pytest orders session fixtures as tests first ask for them), the server would
    not see that the database lives in memory, and its threads would open connections of their own
    to it, which lock each other's tables instead of sharing the test's connection.
    """
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(request.config.getvalue("liveserver") or "localhost", start=False)
    server.thread = LiveServerThread(
        server.thread.host,
        static_handler=server.thread.static_handler,
        connections_override=server.thread.connections_override,
        port=server.thread.port,
    )
    server.thread.daemon = True
    server.start()
    yield server
    server.stop()


def _chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def browser():
    if not _chromium_available():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} is missing.")
        pytest.skip(f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request) -> Iterator:
    """A fresh browser context; every request to another host fails the test."""
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", viewport={"width": 1280, "height": 900}
    )
    foreign: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(live_server.url) or url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    if request.node.rep_call_failed if hasattr(request.node, "rep_call_failed") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not foreign, f"The page requested other hosts: {foreign}"


def submit(page, control) -> None:
    """Clicks ``control`` (a button that sends a form) and returns once the answer has loaded.

    ``page.wait_for_load_state()`` right after a click returns at once: the page that is still there
    has loaded. Under load the answer comes later, and a test would check the old page."""
    with page.expect_navigation():
        control.click()
