"""The public report form: reaches the hotline, protects itself without cookies, stays calm."""

import time

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse

from ostoja.hotline.models import Contact
from ostoja.public import ratelimit
from ostoja.public.forms import TOKEN_SALT, new_form_token
from ostoja.public.models import ReportCounter

pytestmark = pytest.mark.django_db


def old_token(seconds: float = 30) -> str:
    return signing.dumps({"shown": time.time() - seconds}, salt=TOKEN_SALT)


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
