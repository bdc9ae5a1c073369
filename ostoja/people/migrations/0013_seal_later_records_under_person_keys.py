"""The records added beside the person keys (legal matters, case files, translations of web reports,
the person's own copies) sealed under the person's own data key, as 0011 did for the others.

The paths from each row to its person are frozen here; the models say the same in ``vault_owner``.
"""

from django.db import migrations

from ostoja.vault.rewrap import from_person_keys, to_person_keys

OWNERS = {
    "legal.Proceeding": ("case.person",),
    "legal.Hearing": ("case.person",),
    "legal.CooperationDecision": ("case.person",),
    "legal.ResidenceDocument": ("case.person",),
    "legal.Matter": ("case.person",),
    "casefiles.Attachment": ("case.person",),
    "casefiles.AttachmentContent": ("attachment.case.person",),
    "casefiles.DocumentRestoration": ("case.person",),
    "hotline.TranslationRequest": ("contact.person", "contact.case.person"),
    "retention.SubjectCopy": ("person",),
}


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0012_merge_20261129_0935"),
        ("legal", "0001_initial"),
        ("casefiles", "0001_initial"),
        ("hotline", "0008_translation_request"),
        ("retention", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_person_keys(OWNERS), from_person_keys(OWNERS), elidable=False)]
