from django.core.management.base import BaseCommand, CommandError

from circulation.fines import waive_fines
from circulation.models import Patron


class Command(BaseCommand):
    help = "Waive all fines of a patron and unblock the card."

    def add_arguments(self, parser):
        parser.add_argument("card_number")
        parser.add_argument("--reason", default="")

    def handle(self, *args, card_number, reason, **options):
        try:
            patron = Patron.objects.get(card_number=card_number)
        except Patron.DoesNotExist:
            raise CommandError(f"no patron with card {card_number}")
        waived = waive_fines(patron, reason)
        self.stdout.write(f"{waived} fine(s) waived for {patron}")
