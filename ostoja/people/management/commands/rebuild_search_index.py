from django.core.management.base import BaseCommand
from django.db import transaction

from ostoja.people.models import Person
from ostoja.people.services import refresh_search_tokens


class Command(BaseCommand):
    help = (
        "Recomputes every person's blind-index search tokens from the decrypted values. Run it after "
        "changing OSTOJA_BLIND_INDEX_KEY or the name folding rules; searches miss until it has finished."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        last_pk, done = 0, 0
        while True:
            with transaction.atomic():
                batch = list(
                    Person.objects.filter(pk__gt=last_pk)
                    # Columns added after the migration that runs this command (people 0008) are
                    # not read: the tokens come from names, dates, channels and documents only.
                    .defer("data_key", "erased_at", "age_band")
                    .order_by("pk")
                    .prefetch_related("channels", "documents")[:batch_size]
                )
                if not batch:
                    break
                for person in batch:
                    refresh_search_tokens(person=person)
            last_pk, done = batch[-1].pk, done + len(batch)
            self.stdout.write(f"{done} persons indexed …")
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt for {done} persons."))
