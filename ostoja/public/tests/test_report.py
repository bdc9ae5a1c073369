"""The public report form: reaches the hotline, protects itself without cookies, stays calm."""

import io
import secrets
import time

import pytest
import time_machine
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.hotline.models import Contact
from ostoja.public import ratelimit
from ostoja.public.forms import TOKEN_MAX_AGE, TOKEN_SALT, new_form_token
from ostoja.public.models import ReportCounter, UsedReportToken

pytestmark = pytest.mark.django_db


def old_token(seconds: float = 30) -> str:
    return signing.dumps({"shown": time.time() - seconds, "n": secrets.token_urlsafe(12)}, salt=TOKEN_SALT)


def post(client, language="uk", **fields):
    data = {"text": "Мене тримають на фермі, паспорт забрали.", "token": old_token(), **fields}
    return client.post(reverse("public:report", args=[language]), data, REMOTE_ADDR="203.0.113.7")


def test_a_report_reaches_the_hotline_as_a_web_contact_in_its_language():
    client = Client()
    response = post(
        client,
        contact_details="+48 600 000 000",
        safe_to_contact="Тільки SMS після 18:00",
        reporter_kind="person",
        location="Гданськ",
    )
    assert response.status_code == 302 and response["Location"] == reverse("public:report_sent", args=["uk"])
    contact = Contact.objects.get()
    assert contact.source == "web" and contact.language == "uk"
    assert contact.summary.startswith("Мене тримають")
    assert contact.contact_details == "+48 600 000 000"
    assert contact.safe_to_contact == "Тільки SMS після 18:00"
    assert contact.triaged_at is None
    assert not response.cookies and "Set-Cookie" not in response.headers


def test_anonymous_report_needs_only_the_text():
    assert post(Client(), language="ar", text="رأيت عمالًا محتجزين").status_code == 302
    assert Contact.objects.get().language == "ar"


def test_empty_report_shows_the_error_in_the_page_language_and_keeps_the_rest():
    response = post(Client(), language="de", text="", location="Berlin")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte schreiben Sie hier etwas." in html
    assert 'value="Berlin"' in html
    assert not Contact.objects.exists()


def test_filipino_errors_are_in_filipino_not_polish():
    html = post(Client(), language="tl", text="").content.decode()
    assert "Pakisulat dito ang inyong mensahe." in html


def test_honeypot_is_thanked_and_dropped():
    response = post(Client(), website="https://spam.example")
    assert response.status_code == 302
    assert not Contact.objects.exists()


def test_too_quick_a_submit_is_asked_to_send_again_and_keeps_the_text():
    response = post(Client(), language="en", token=new_form_token(), text="Help us please")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please check your message once more" in html
    assert "Help us please" in html
    assert not Contact.objects.exists()


def test_forged_or_missing_token_gets_a_fresh_form_with_the_text_kept():
    response = post(Client(), language="en", token="forged", text="Something is wrong")
    html = response.content.decode()
    assert "Please check your message and send it again" in html
    assert "Something is wrong" in html
    assert not Contact.objects.exists()


def test_rate_limit_answers_429_calmly_in_the_page_language_and_keeps_the_text(settings):
    settings.OSTOJA_PUBLIC_REPORTS_PER_DAY = 2
    client = Client()
    assert post(client).status_code == 302
    assert post(client).status_code == 302
    response = post(client, text="Третє повідомлення")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Дякуємо. Сьогодні ми вже отримали кілька повідомлень" in html
    assert "Третє повідомлення" in html
    assert Contact.objects.count() == 2
    # Another address is not affected.
    other = client.post(
        reverse("public:report", args=["uk"]),
        {"text": "Інша адреса", "token": old_token()},
        REMOTE_ADDR="198.51.100.2",
    )
    assert other.status_code == 302


def test_the_address_is_never_stored_and_the_hash_rotates_daily():
    post(Client())
    counter = ReportCounter.objects.get()
    assert "203.0.113.7" not in counter.sender and counter.count == 1
    assert len(counter.sender) == 64
    with time_machine.travel("2030-01-02 12:00 +0100"):
        day = ratelimit._today()
        tomorrow = ratelimit.sender_hash("203.0.113.7", day)
    assert tomorrow != counter.sender


def test_old_counters_are_deleted_when_a_new_day_starts():
    with time_machine.travel("2030-01-01 12:00 +0100"):
        post(Client())
    with time_machine.travel("2030-01-03 12:00 +0100"):
        post(Client())
    assert ReportCounter.objects.count() == 1
    assert str(ReportCounter.objects.get().day) == "2030-01-03"


def test_get_form_marks_contact_fields_optional_and_has_no_csrf_cookie():
    response = Client().get(reverse("public:report", args=["en"]))
    html = response.content.decode()
    assert "(optional)" in html
    assert 'name="website"' in html and 'class="hp"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def _from(address: str, token: str | None = None, language: str = "uk", text: str = "Допоможіть"):
    data = {"text": text, "token": token or old_token()}
    return Client().post(reverse("public:report", args=[language]), data, REMOTE_ADDR=address)


def test_one_form_token_files_one_report():
    """A review sent one signed token five times and got five reports into the triage queue."""
    token = old_token()
    responses = [_from(f"203.0.113.{n}", token=token) for n in range(1, 6)]
    assert [r.status_code for r in responses] == [302] * 5
    assert all(r["Location"] == reverse("public:report_sent", args=["uk"]) for r in responses)
    assert Contact.objects.count() == 1
    # Only a hash of the token is kept, not the token.
    [used] = UsedReportToken.objects.all()
    assert used.token_hash != token and token not in used.token_hash


def test_used_tokens_are_forgotten_once_they_would_have_expired_anyway():
    _from("203.0.113.1")
    assert UsedReportToken.objects.count() == 1
    with time_machine.travel(time.time() + TOKEN_MAX_AGE + 120):
        call_command("housekeeping", stdout=io.StringIO())
    assert not UsedReportToken.objects.exists()


@time_machine.travel("2030-01-01 12:10 +0100", tick=False)
def test_over_the_hourly_cap_reports_are_taken_but_set_apart_and_supervisors_told(settings, make_staff):
    settings.OSTOJA_PUBLIC_REPORTS_PER_HOUR = 2
    supervisor = make_staff("nadzor", Role.SUPERVISOR, language="en")
    assert _from("203.0.113.1")["Location"].endswith("/sent/")
    assert _from("203.0.113.2")["Location"].endswith("/sent/")
    over = _from("203.0.113.3", text="Третє")
    assert over.status_code == 302 and over["Location"].endswith("/sent/?queued=1")
    page = Client().get(over["Location"])
    assert "Зараз надходить багато повідомлень" in page.content.decode()
    assert _from("203.0.113.4", text="Четверте")["Location"].endswith("?queued=1")
    assert Contact.objects.filter(surge=False).count() == 2
    assert {c.summary for c in Contact.objects.filter(surge=True)} == {"Третє", "Четверте"}
    # Supervisors are told once in the hour, not for every report.
    assert [m.to for m in mail.outbox] == [[supervisor.email]]
    assert "2" in mail.outbox[0].body and "surge=1" in mail.outbox[0].body


@time_machine.travel("2030-01-01 12:10 +0100", tick=False)
def test_the_surge_has_its_own_list_in_triage(settings, client_for):
    settings.OSTOJA_PUBLIC_REPORTS_PER_HOUR = 1
    _from("203.0.113.1", text="Перше")
    _from("203.0.113.2", text="Друге")
    client = client_for(Role.DUTY_WORKER)
    queue = client.get(reverse("hotline:triage"))
    assert [row["contact"].summary for row in queue.context["rows"]] == ["Перше"]
    assert queue.context["surge_waiting"] == 1
    assert reverse("hotline:triage") + "?surge=1" in queue.content.decode()
    surge = client.get(reverse("hotline:triage"), {"surge": "1"})
    assert [row["contact"].summary for row in surge.context["rows"]] == ["Друге"]


@time_machine.travel("2030-01-01 12:10 +0100", tick=False)
def test_far_over_the_cap_the_form_keeps_the_text_and_points_to_the_phone(settings):
    settings.OSTOJA_PUBLIC_REPORTS_PER_HOUR = 1
    for n in range(ratelimit.SURGE_FACTOR):
        assert _from(f"203.0.113.{n + 1}").status_code == 302
    refused = _from("198.51.100.9", language="en", text="Please help my sister")
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "Very many messages are arriving right now" in html and "Please help my sister" in html
    assert Contact.objects.count() == ratelimit.SURGE_FACTOR
    # The next hour the form takes reports again.
    with time_machine.travel("2030-01-01 13:10 +0100", tick=False):
        assert _from("198.51.100.9")["Location"].endswith("/sent/")
