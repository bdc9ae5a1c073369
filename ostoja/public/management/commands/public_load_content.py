from django.core.management.base import BaseCommand
from django.db import transaction

from ostoja.partners.models import Organisation
from ostoja.public import seed
from ostoja.public.languages import CODES
from ostoja.public.models import CentreContact, PartnerDescription, PublicText


class Command(BaseCommand):
    help = (
        "Loads the public site's texts and the descriptions of the directory's public partners from ostoja/public/content/<language>.json. "
        "Texts staff have already saved are kept unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", action="append", choices=CODES, help="Only these languages.")
        parser.add_argument("--overwrite", action="store_true", help="Replace existing texts too.")

    def handle(self, *args, **options):
        with transaction.atomic():
            written = seed.load(
                PublicText=PublicText,
                Organisation=Organisation,
                PartnerDescription=PartnerDescription,
                CentreContact=CentreContact,
                overwrite=options["overwrite"],
                languages=options["language"] or CODES,
            )
        self.stdout.write(f"Public content: {written} rows written.")
