"""The public site in a real browser: every page in every language (lang/dir, axe-core, no cookie,
nothing from another host, readable at 320 px), the quick exit, a report in Ukrainian reaching the
hotline's triage queue, the calm rate-limit message, leaflets with their scripts."""

import shutil
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from ostoja.hotline.models import Contact
from ostoja.partners.models import Organisation
from ostoja.public import languages
from ostoja.public.content import PAGES
from ostoja.testing.browser import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGE_NAMES = [page.name for page in PAGES] + ["report_sent"]


@pytest.fixture(autouse=True)
def _content():
    # Transactional tests empty the tables between tests, migration data included.
    from ostoja.partners import seed as directory
    from ostoja.partners.models import Organisation
    from ostoja.public import seed
    from ostoja.public.models import CentreContact, PartnerDescription, PublicText

    directory.load(Organisation)
    seed.load(
        PublicText=PublicText,
        Organisation=Organisation,
        PartnerDescription=PartnerDescription,
        CentreContact=CentreContact,
    )


@pytest.fixture
def open_context(browser, live_server):
    """Opens guarded contexts: any request to another host fails the test, and so does a cookie."""
    opened = []

    def make(**options):
        # axe is injected through the DevTools protocol, hence bypass_csp; the page's CSP still
        # applies to the page itself.
        options.setdefault("viewport", {"width": 320, "height": 800})
        context = browser.new_context(base_url=live_server.url, bypass_csp=True, **options)
        foreign: list[str] = []

        def guard(route):
            url = route.request.url
            if url.startswith(live_server.url) or url.startswith("data:") or url == "about:blank":
                route.continue_()
            else:
                foreign.append(url)
                route.abort()

        context.route("**/*", guard)
        opened.append((context, foreign))
        return context

    yield make
    for context, foreign in opened:
        cookies = context.cookies()
        context.close()
        assert not foreign, f"requests to other hosts: {foreign}"
        assert not cookies, f"cookies were set: {cookies}"


def violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} {[n['html'][:120] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("language", languages.CODES)
def test_every_page_in_the_language_is_accessible_and_cookie_free(open_context, language):
    page = open_context().new_page()
    page.set_default_timeout(10_000)
    info = languages.get(language)
    found: list[str] = []
    urls = [reverse(f"public:{name}", args=[language]) for name in PAGE_NAMES]
    if language == "en":
        urls += [reverse("public:languages"), reverse("public:neutral")]
    for url in urls:
        page.goto(url)
        if url.startswith(f"/{language}/"):
            assert page.evaluate("document.documentElement.lang") == language, url
            assert page.evaluate("document.documentElement.dir") == info.direction, url
        # Readable at 320 px: nothing forces sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, url
        found += violations(page)
    assert not found, "\n".join(found)


def test_report_form_with_errors_is_accessible(open_context):
    page = open_context().new_page()
    page.goto(reverse("public:report", args=["ar"]))
    page.locator("button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()  # waits for the answer to the submitted form
    assert not violations(page)


@pytest.mark.parametrize("javascript", [True, False])
def test_report_errors_take_the_focus_and_link_to_their_fields(open_context, javascript):
    page = open_context(java_script_enabled=javascript).new_page()
    page.goto(reverse("public:report", args=["uk"]))
    page.locator("#id_location").fill("Przemyśl")
    submit(page, page.locator("button[type=submit]"))
    # The summary has the focus, so a screen reader reads it first; no script is needed for that
    # (autofocus, applied at a rendering step after the load: the check waits for it).
    expect(page.locator("#form-errors")).to_be_focused()
    summary = page.locator("#form-errors")
    assert summary.get_attribute("role") == "alert"
    links = summary.get_by_role("link")
    assert links.count() == 1  # the text is missing
    links.first.click()
    expect(page.locator("#id_text")).to_be_focused()
    assert page.locator("#id_location").input_value() == "Przemyśl"  # nothing typed is lost
    described = page.locator("#id_text").get_attribute("aria-describedby").split()
    assert "id_text_error" in described
    assert all(page.locator(f"#{ref}").count() == 1 for ref in described), described


def test_quick_exit_replaces_the_page_and_leaves_it_out_of_history(open_context):
    page = open_context().new_page()
    page.goto("/en/")
    page.goto("/en/rights/")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("**/kitchen/")
    page.go_back()
    # The page the reader was on is gone from history; "Back" skips past it.
    assert not page.url.endswith("/en/rights/")


def test_escape_key_leaves_at_once(open_context):
    page = open_context().new_page()
    page.goto("/uk/react/")
    page.keyboard.press("Escape")
    page.wait_for_url("**/kitchen/")
    assert page.locator("h1").inner_text() == "Naleśniki – prosty przepis"


def test_quick_exit_works_without_javascript(open_context):
    page = open_context(java_script_enabled=False).new_page()
    page.goto("/ar/")
    page.locator("#quick-exit").click()
    page.wait_for_url("**/kitchen/")


def test_a_report_in_ukrainian_reaches_the_triage_queue(open_context):
    page = open_context().new_page()
    page.goto("/uk/report/")
    page.get_by_label("Що відбувається?").fill(
        "Моя сестра працює на фермі під Познанню, у неї забрали паспорт."
    )
    page.get_by_label("Я хвилююся за когось із родини чи друзів").check()
    page.get_by_label("Як з вами зв'язатися? Телефон, e-mail чи інакше (за бажанням)").fill("+48 600 100 200")
    page.get_by_label("Чи безпечно з вами зв'язатися? Коли і як? (за бажанням)").fill("Лише SMS")
    page.wait_for_timeout(3200)  # the form refuses submissions quicker than a person can type
    page.get_by_role("button", name="Надіслати").click()
    page.get_by_role("heading", name="Дякуємо. Ваше повідомлення надійшло до нас.").wait_for()
    contact = Contact.objects.untriaged().get()
    assert contact.source == "web" and contact.language == "uk"
    assert contact.caller_kind == "family"
    assert "паспорт" in contact.summary
    assert contact.contact_details == "+48 600 100 200"


def test_rate_limit_answers_with_the_calm_message(open_context, settings):
    settings.OSTOJA_PUBLIC_REPORTS_PER_DAY = 1
    page = open_context().new_page()
    for attempt in range(2):
        page.goto("/en/report/")
        page.get_by_label("What is happening?").fill(f"Message number {attempt + 1}")
        page.wait_for_timeout(3200)
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.get_by_role("button", name="Send").click()
    assert answer.value.status == 429
    page.get_by_text("so we cannot accept another one through this page right now").wait_for()
    assert page.get_by_label("What is happening?").input_value() == "Message number 2"
    assert Contact.objects.count() == 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("language,sample", [("ar", "من نحن"), ("vi", "Chúng tôi là ai")])
def test_leaflets_download_with_their_script(open_context, tmp_path, language, sample):
    page = open_context(accept_downloads=True).new_page()
    page.goto(f"/{language}/downloads/")
    with page.expect_download() as download:
        page.locator(f'a[href="/{language}/downloads/leaflet.pdf"]').first.click()
    path = tmp_path / f"{language}.pdf"
    download.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    ).stdout
    assert sample in text


def test_staff_pages_of_the_public_site_pass_axe(open_context, make_staff):
    from ostoja.accounts.roles import Role
    from ostoja.cases.tests.test_browser_case import sign_in

    context = open_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    supervisor = make_staff("superwizor", Role.SUPERVISOR, first_name="Piotr")
    sign_in(page, supervisor)
    found: list[str] = []
    for url in [
        reverse("public:admin_home"),
        reverse("public:admin_text_edit", args=["ar", "rights"]),
        reverse("public:admin_contact"),
        reverse("public:admin_partner", args=[Organisation.objects.get(name="FairWork").pk]),
        reverse("public:admin_library"),
    ]:
        page.goto(url)
        found += violations(page)
    page.goto(reverse("public:admin_text_edit", args=["ar", "rights"]))
    submit(page, page.locator("button[name=preview]"))
    found += violations(page)
    assert not found, "\n".join(found)
    # Staff have a session: the guard's no-cookie check is for the public, so clear it here.
    context.clear_cookies()


def test_escape_while_typing_the_report_keeps_the_text_and_the_page(open_context):
    page = open_context().new_page()
    page.goto("/uk/report/")
    field = page.locator("#id_text")
    field.fill("Мій паспорт забрали")
    field.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.endswith("/uk/report/")
    assert field.input_value() == "Мій паспорт забрали"
    # Outside the field, Escape still leaves at once.
    page.locator("h1").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**/kitchen/")


def test_shift_three_times_leaves_even_from_a_field(open_context):
    page = open_context().new_page()
    page.goto("/uk/report/")
    page.locator("#id_text").fill("Текст")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("**/kitchen/")


def test_typing_capitals_in_a_field_does_not_leave(open_context):
    page = open_context().new_page()
    page.goto("/en/report/")
    page.locator("#id_text").type("Anna Kowalska In Berlin")
    page.wait_for_timeout(300)
    assert page.url.endswith("/en/report/")


def test_favicon_and_a_mistyped_address_set_no_cookie_in_the_browser(open_context):
    page = open_context().new_page()
    page.goto("/uk/rihgts/")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("#quick-exit").is_visible()
    assert not violations(page)
    assert page.request.get("/favicon.ico").status == 200
