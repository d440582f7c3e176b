from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Send the daily digest"

    def add_arguments(self, parser):
        delivery = parser.add_argument_group("delivery")
        delivery.add_argument("--email", action="store_true", default=True, dest="send_email")

    def handle(self, *args, **options):
        return str(options["send_email"])
