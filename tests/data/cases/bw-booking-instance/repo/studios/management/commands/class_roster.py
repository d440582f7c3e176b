from django.core.management.base import BaseCommand, CommandError

from studios.models import Booking, FitnessClass


class Command(BaseCommand):
    help = "Print the roster of one class."

    def add_arguments(self, parser):
        parser.add_argument("class_id", type=int)

    def handle(self, *args, **options):
        try:
            fc = FitnessClass.objects.get(pk=options["class_id"])
        except FitnessClass.DoesNotExist as exc:
            raise CommandError(f"no class {options['class_id']}") from exc
        for b in fc.bookings.select_related("member").order_by("status", "created_at"):
            mark = "*" if b.status == Booking.Status.CONFIRMED else "-"
            self.stdout.write(f"{mark} {b.member.name} <{b.member.email}> {b.status}")
