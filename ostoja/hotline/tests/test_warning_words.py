"""A web report's own words flag likely urgency for the duty worker, in its language; never a decision."""

import pytest
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.hotline import codes
from ostoja.hotline.services import contact_from_web_report
from ostoja.hotline.warning_words import SIGNS, fold, signs_in
from ostoja.public import languages

# The report that arrived as "Other / routine": a taken passport, a debt and being locked in.
REPORTS = {
    "pl": "Zabrali mi paszport, mówią, że mam dług do odpracowania, i zamykają nas na noc.",
    "en": "They took my documents and my passport, say I have a debt to pay off, and we are locked in at night.",
    "uk": "Забрали паспорт, кажуть, що я маю борг, і зачиняють нас на ніч.",
    "ru": "Забрали паспорт, говорят, что у меня долг, и запирают нас на ночь.",
    "ro": "Mi-au luat pașaportul, spun că am o datorie și ne încuiate noaptea.",
    "fr": "Ils ont pris mon passeport, je dois rembourser une dette et on est enfermés la nuit.",
}


@pytest.mark.parametrize("language", sorted(REPORTS))
def test_the_report_that_arrived_as_routine_is_flagged_in_its_language(language):
    assert signs_in(REPORTS[language], language) == ["documents", "debt", "confinement"]


def test_an_ordinary_question_is_not_flagged():
    assert signs_in("Dzień dobry, gdzie mogę znaleźć informacje o legalnej pracy w Polsce?", "pl") == []
    assert signs_in("Where can I read about work permits?", "en") == []


def test_words_match_at_the_start_of_a_word_whatever_the_case_and_diacritics():
    assert signs_in("PASZPORTU NIE MAM", "pl") == ["documents"]
    assert signs_in("Nie mam długu", "pl") == ["debt"]
    assert signs_in("ojczyzna", "pl") == []  # "syn" inside another word is no son


def test_every_public_language_has_words_for_every_sign_written_as_they_are_matched():
    for sign in SIGNS:
        assert set(sign.words) == set(languages.CODES), sign.code
        for language, words in sign.words.items():
            assert words, (sign.code, language)
            for word in words:
                assert fold(word) and fold(word) == fold(fold(word)), (sign.code, language, word)


def test_a_flagged_report_stays_routine_and_the_duty_worker_sees_why(client_for):
    contact = contact_from_web_report(
        language="pl", text=REPORTS["pl"], location="Radom, ul. Polna", reporter_kind="family"
    )
    contact.refresh_from_db()
    assert contact.warning_signs == ["documents", "debt", "confinement"]
    assert contact.urgency == codes.Urgency.ROUTINE and contact.topic == codes.Topic.OTHER
    client = client_for(Role.DUTY_WORKER)
    client.cookies["ostoja_language"] = "en"
    triage = client.get(reverse("hotline:triage")).content.decode()
    assert "Check: documents taken, a debt to pay off, locked in or not free to leave" in triage
    detail = client.get(reverse("hotline:contact", args=[contact.pk])).content.decode()
    assert "words may point to urgency" in detail and "It mentions: documents taken" in detail
    # Every field the reporter gave is on the page: the place, who they are, the language.
    assert "Radom, ul. Polna" in detail and "Family or friend" in detail and "Polish" in detail
