from django.core.management.base import BaseCommand, CommandError

from pharmacy.inventory import NoKitAvailable
from pharmacy.tasks import allocate_kit
from trials.models import Randomization


class Command(BaseCommand):
    help = "Allocate a kit for a randomization by hand (runs the pharmacy task in-process)."

    def add_arguments(self, parser):
        parser.add_argument("screening_number")

    def handle(self, *args, **options):
        try:
            randomization = Randomization.objects.get(participant__screening_number=options["screening_number"])
        except Randomization.DoesNotExist:
            raise CommandError(f"{options['screening_number']} is not randomized")
        try:
            kit_number = allocate_kit.apply(args=[randomization.pk], throw=True).get()
        except NoKitAvailable as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"{options['screening_number']}: kit {kit_number}")
