"""The native-speaker review of each public text: recorded by name and date, visible to staff on
the overview and in the editor, lost when the wording changes without a new review."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.public import seed
from ostoja.public.models import PublicText

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client_for):
    client = client_for(Role.SUPERVISOR)
    client.cookies["ostoja_language"] = "en"
    return client


def post(editor, language, key, **changes):
    text = PublicText.objects.get(language=language, key=key)
    data = {
        "title": text.title, "body": text.body, "version": text.version, "save": "1",
        "reviewed_by": text.reviewed_by, "reviewed_on": text.reviewed_on.isoformat() if text.reviewed_on else "",
    }  # fmt: skip
    data.update(changes)
    return editor.post(reverse("public:admin_text_edit", args=[language, key]), data)


def test_the_nine_reviewed_languages_carry_their_review_and_rewritten_texts_are_drafts():
    for language in ("en", "be", "ro", "bg", "es", "fr", "de", "nl", "tl"):
        react = PublicText.objects.get(language=language, key="react")
        assert react.reviewed and react.reviewed_on == dt.date(2026, 11, 29), language
        assert not PublicText.objects.get(language=language, key="rights").reviewed, language
    for language in ("pl", "uk", "ru", "ka", "vi", "ar"):
        assert not PublicText.objects.filter(language=language).exclude(reviewed_by="").exists(), language


def test_recording_a_review_and_losing_it_when_the_wording_changes(editor):
    response = post(editor, "uk", "rights", reviewed_by="Olena K.", reviewed_on="2026-11-20")
    assert response.status_code == 302
    text = PublicText.objects.get(language="uk", key="rights")
    assert (text.reviewed_by, text.reviewed_on) == ("Olena K.", dt.date(2026, 11, 20))

    # Saved again unchanged, the review as shown: it stays.
    assert post(editor, "uk", "rights").status_code == 302
    assert PublicText.objects.get(language="uk", key="rights").reviewed

    # Changed wording with the old review left as shown: a draft again.
    assert post(editor, "uk", "rights", body=text.body + "\n\n- Ще один пункт").status_code == 302
    text = PublicText.objects.get(language="uk", key="rights")
    assert not text.reviewed and text.reviewed_by == "" and text.reviewed_on is None

    # Changed wording with a new review: reviewed.
    response = post(
        editor, "uk", "rights", body=text.body + ".", reviewed_by="Ihor P.", reviewed_on="2026-11-21"
    )
    assert response.status_code == 302
    assert PublicText.objects.get(language="uk", key="rights").reviewed_by == "Ihor P."

    # Emptying the review: a draft.
    assert post(editor, "uk", "rights", reviewed_by="", reviewed_on="").status_code == 302
    assert not PublicText.objects.get(language="uk", key="rights").reviewed


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"reviewed_by": "Olena K."}, "reviewed_on"),
        ({"reviewed_on": "2026-11-20"}, "reviewed_by"),
        ({"reviewed_by": "Olena K.", "reviewed_on": "2099-01-01"}, "reviewed_on"),
    ],
)
def test_half_a_review_or_a_future_date_is_refused_and_nothing_typed_is_lost(editor, changes, field):
    before = PublicText.objects.get(language="uk", key="rights")
    response = post(editor, "uk", "rights", body="Новий текст", **changes)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert form["body"].value() == "Новий текст"
    after = PublicText.objects.get(language="uk", key="rights")
    assert (after.body, after.version) == (before.body, before.version)


def test_staff_see_the_state_on_the_overview_and_in_the_editor_with_open_terms(editor):
    html = editor.get(reverse("public:admin_home")).content.decode()
    assert "reviewed by External language reviewer" in html
    assert "draft" in html
    html = editor.get(reverse("public:admin_text_edit", args=["tl", "react"])).content.decode()
    assert "Reviewed" in html and "External language reviewer" in html
    assert "Wording waiting for a native speaker" in html
    assert "pangangalakal ng tao" in html
    html = editor.get(reverse("public:admin_text_edit", args=["uk", "rights"])).content.decode()
    assert "Draft" in html and "not yet reviewed by a native speaker" in html


def test_a_review_is_whole_or_absent_in_the_database():
    text = PublicText.objects.get(language="uk", key="rights")
    text.reviewed_by = "Olena K."
    with pytest.raises(IntegrityError), transaction.atomic():
        text.save()


def test_corrections_replace_only_texts_staff_have_not_edited(make_staff):
    from ostoja.partners.models import Organisation
    from ostoja.public.models import CentreContact, PartnerDescription

    edited = PublicText.objects.get(language="en", key="rights")
    edited.body, edited.updated_by = "Our own wording", make_staff(Role.SUPERVISOR)
    edited.save()
    untouched = PublicText.objects.get(language="en", key="help")
    untouched.body = "old seeded text"
    untouched.save()
    seed.load(
        PublicText=PublicText, Organisation=Organisation, PartnerDescription=PartnerDescription,
        CentreContact=CentreContact, replace_unedited=True, languages=["en"],
    )  # fmt: skip
    assert PublicText.objects.get(pk=edited.pk).body == "Our own wording"
    assert PublicText.objects.get(pk=untouched.pk).body.startswith("Help starts with")
    assert Organisation.objects.filter(website="https://www.fairwork.nu").count() == 1
    assert PartnerDescription.objects.filter(organisation__website="https://www.fairwork.nu").count() == 15
