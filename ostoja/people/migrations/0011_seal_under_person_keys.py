"""Every value about a person sealed again under the person's own data key (see ostoja/vault/personkeys.py).

The paths from each row to its person are frozen here as the models were when this migration was
written; the models say the same in their ``vault_owner``.
"""

from django.db import migrations

from ostoja.vault.rewrap import from_person_keys, to_person_keys

OWNERS = {
    "people.Person": ("",),
    "people.ContactChannel": ("person",),
    "people.IdentityDocument": ("person",),
    "people.SafeContactProtocol": ("person",),
    "people.PersonPhoto": ("person",),
    "history.FieldChange": (),  # by the type and id of its record
    "cases.Case": ("person",),
    "cases.Note": ("case.person",),
    "consent.Consent": ("person",),
    "hotline.Contact": ("person", "case.person"),
    "hotline.Intervention": ("contact.person", "contact.case.person"),
    "hotline.InterventionAction": ("intervention.contact.person", "intervention.contact.case.person"),
    "hotline.Meeting": ("case.person",),
    "hotline.CallEvent": ("person", "contact.person", "contact.case.person"),
    "identification.Screening": ("case.person",),
    "identification.ScreeningAnswer": ("screening.case.person",),
    "identification.AnswerCorrection": ("screening.case.person",),
    "identification.IdentificationStatusChange": ("case.person",),
    "identification.ExploitationProfile": ("case.person",),
    "identification.JourneyCountry": ("profile.case.person",),
    "identification.Representative": ("case.person",),
    "assessments.NeedsAssessment": ("case.person",),
    "assessments.Need": ("assessment.case.person",),
    "assessments.SafetyAssessment": ("case.person",),
    "plans.SupportPlan": ("case.person",),
    "plans.Goal": ("plan.case.person",),
    "support_services.Delivery": ("case.person",),
    "referrals.Referral": ("case.person",),
    "casetasks.Task": ("case.person",),
}


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0010_person_keys"),
        ("history", "0004_written_by_code_only"),
        ("cases", "0006_status_counts"),
        ("consent", "0001_initial"),
        ("hotline", "0007_contact_warning_signs"),
        ("identification", "0005_interview_interpreters_and_legal_paths"),
        ("assessments", "0001_initial"),
        ("plans", "0001_initial"),
        ("support_services", "0003_statistics_day_index"),
        ("referrals", "0002_statistics_day_index"),
        ("casetasks", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_person_keys(OWNERS), from_person_keys(OWNERS), elidable=False)]
