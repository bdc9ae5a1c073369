"""Demo referrals: a consent, a referral to IOM's voluntary return programme on its way, another
to a Faire Mobilität advice centre drafted, and consultations the centre gave other organisations."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ostoja.accounts.models import User
from ostoja.consent import services as consent_services
from ostoja.consent.codes import GivenHow, Scope
from ostoja.consent.models import Consent
from ostoja.demo.identification import _cases
from ostoja.hotline.models import Contact
from ostoja.partners import seed
from ostoja.partners.models import Organisation
from ostoja.referrals import services
from ostoja.referrals.models import Consultation, IncomingReferral, Referral, Status

CONSULTATIONS = [
    ("Ośrodek Pomocy Społecznej (demo)", "Pracownik socjalny", "identification", 45,
     "Jak rozpoznać, czy pracownik sezonowy z Ukrainy może być ofiarą pracy przymusowej?",
     "Omówiono wskaźniki (zatrzymany paszport, długi wobec pracodawcy); przekazano listę kontrolną."),
    ("Szpital powiatowy (demo)", "Pielęgniarka oddziałowa", "support", 30,
     "Pacjentka bez dokumentów mówi, że nie może wrócić do pracodawcy. Co robić?",
     "Wyjaśniono, jak zgłosić się na infolinię centrum; pacjentka nie jest wymieniana z nazwiska."),
]  # fmt: skip


def ensure_demo_referrals() -> list[str]:
    seed.load(Organisation)
    if Referral.objects.exists():
        return [_summary()]
    cases = _cases()
    case = cases.get("Olena Kovalenko")
    if case is None:
        return [_summary()]
    manager = case.case_manager
    iom = Organisation.objects.filter(kind="international", country="PL").order_by("pk").first()
    berlin = Organisation.objects.filter(name="Faire Mobilität", city="Berlin").first()
    today = timezone.localdate()
    with transaction.atomic():
        if iom is not None:
            consent_services.consent_record(
                consent=Consent(
                    case=case, scope=Scope.SHARING, partner=iom, purpose="voluntary_return",
                    items=["name", "languages", "situation"], given_how=GivenHow.WRITTEN,
                    interpreter="Iryna (tłumaczka, demo)", given_on=today - timedelta(days=3),
                ),
                actor=manager,
            )  # fmt: skip
            referral = services.referral_draft(
                referral=Referral(
                    case=case, partner=iom, purpose="voluntary_return", items=["name", "languages", "situation"],
                    situation="Chce wrócić do domu po odzyskaniu paszportu; potrzebuje pomocy w podróży.",
                    letter_language="pl", follow_up_on=today + timedelta(days=7),
                ),
                actor=manager,
            )  # fmt: skip
            services.referral_advance(
                referral=referral, to=Status.SENT, actor=manager, expected_version=referral.version,
                follow_up_on=today + timedelta(days=7),
            )  # fmt: skip
        if berlin is not None:
            consent_services.consent_record(
                consent=Consent(
                    case=case, scope=Scope.SHARING, partner=berlin, purpose="labour_rights", items=["name"],
                    given_how=GivenHow.SPOKEN, given_on=today - timedelta(days=1),
                ),
                actor=manager,
            )  # fmt: skip
            services.referral_draft(
                referral=Referral(
                    case=case, partner=berlin, purpose="labour_rights", items=["name"], letter_language="de"
                ),
                actor=manager,
            )
        supervisor = User.objects.filter(username="superwizor").first() or manager
        duty = User.objects.filter(username="dyzurna").first() or manager
        services.incoming_receive(
            incoming=IncomingReferral(organisation_name="Straż Graniczna, placówka w Terespolu (demo)",
                                      referred_by="Funkcjonariuszka dyżurna"),
            contact=Contact(channel="phone", language="ru", topic="suspected_trafficking", urgency="soon",
                            summary="Kobieta zatrzymana na przejściu mówi, że obiecano jej pracę w Niemczech; "
                                    "prosi o pomoc. Straż Graniczna kieruje ją do centrum (demo)."),
            actor=duty,
        )  # fmt: skip
        for days, (name, asked_by, topic, minutes, question, advice) in enumerate(CONSULTATIONS, start=2):
            Consultation.objects.create(
                organisation_name=name, asked_by=asked_by, held_on=today - timedelta(days=days), topic=topic,
                minutes=minutes, question=question, advice=advice, recorded_by=supervisor,
            )  # fmt: skip
    return [_summary()]


def _summary() -> str:
    return (
        f"Partner directory: {Organisation.objects.count()} organisations; demo referrals: "
        f"{Referral.objects.count()}, consultations: {Consultation.objects.count()}."
    )
