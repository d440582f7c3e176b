from django.core.management.base import BaseCommand

from fleet.models import Turbine


class Command(BaseCommand):
    help = "List turbines whose next service is due within the given number of operating hours."

    def add_arguments(self, parser):
        parser.add_argument("--within", type=int, default=250)
        parser.add_argument("--site", default=None)

    def handle(self, *args, within, site, **options):
        qs = Turbine.objects.select_related("site")
        if site:
            qs = qs.filter(site__code=site)
        due = [t for t in qs if t.hours_until_service <= within]
        for t in due:
            self.stdout.write(f"{t}\t{t.hours_until_service} h")
        self.stdout.write(f"{len(due)} turbine(s) due")
