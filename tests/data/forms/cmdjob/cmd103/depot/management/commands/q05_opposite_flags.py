from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Mail the report: on by default, --no-mail turns it off"

    def add_arguments(self, parser):
        parser.add_argument("--mail", action="store_true", default=True, dest="mail")
        parser.add_argument("--no-mail", action="store_false", dest="mail")

    def handle(self, *args, **options):
        return str(options["mail"])
