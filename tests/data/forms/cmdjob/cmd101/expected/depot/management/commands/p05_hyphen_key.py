from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Email the delivery report"

    def add_arguments(self, parser):
        parser.add_argument("--send-email", action="store_true")

    def handle(self, *args, **options):
        if options["send_email"]:
            self.stdout.write("mailing")
