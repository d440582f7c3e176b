from django.core.management.base import BaseCommand

from pings.models import Check


class Command(BaseCommand):
    help = "One-off admin command (not scheduled): prefix every check's name, run by a person who watches it"

    def add_arguments(self, parser):
        parser.add_argument("prefix")

    def handle(self, *args, **options):
        for check in Check.objects.all():
            check.name = f"{options['prefix']}{check.name}"
            check.save(update_fields=["name"])
