from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from hire.checkin import CheckInError, CheckInService
from hire.models import Rental


class Command(BaseCommand):
    help = "Queue the settlement again for returned rentals that never got their final invoice."

    def add_arguments(self, parser):
        parser.add_argument("rental_ids", nargs="*", type=int)
        parser.add_argument("--all-stuck", action="store_true",
                            help="every returned rental without an invoice")
        parser.add_argument("--cleaning-fee", default="0.00",
                            help="cleaning fee to charge (only with a single rental id)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, rental_ids, all_stuck, cleaning_fee, dry_run, **options):
        try:
            cleaning_fee = Decimal(cleaning_fee)
        except InvalidOperation as exc:
            raise CommandError(f"bad cleaning fee {cleaning_fee!r}") from exc
        if all_stuck:
            rentals = Rental.objects.filter(status=Rental.Status.RETURNED, invoice__isnull=True)
            if rental_ids:
                raise CommandError("give rental ids or --all-stuck, not both")
        else:
            if not rental_ids:
                raise CommandError("give at least one rental id, or --all-stuck")
            rentals = Rental.objects.filter(pk__in=rental_ids)
            missing = set(rental_ids) - set(rentals.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no rental with id {', '.join(map(str, sorted(missing)))}")
        if cleaning_fee and len(rentals) != 1:
            raise CommandError("--cleaning-fee needs exactly one rental")

        queued = 0
        for rental in rentals.order_by("pk"):
            if dry_run:
                self.stdout.write(f"would resettle rental {rental.pk} (returned {rental.returned_at})")
                continue
            try:
                result = CheckInService.resettle(rental, cleaning_fee=cleaning_fee)
            except CheckInError as exc:
                self.stderr.write(f"rental {rental.pk}: {exc}")
                continue
            queued += 1
            self.stdout.write(f"rental {rental.pk}: settlement queued ({result.id})")
        self.stdout.write(self.style.SUCCESS(f"{queued} settlement(s) queued"))
