from django.core.management.base import BaseCommand, CommandError

from lockers.lockerlink import LockerLinkClient, LockerLinkError
from lockers.models import Compartment, Site


class Command(BaseCommand):
    help = "Compare our compartment occupancy with what LockerLink reports and fix ours (LockerLink wins)."

    def add_arguments(self, parser):
        parser.add_argument("sites", nargs="*", help="site codes (default: all active sites)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, sites=(), dry_run=False, **options):
        client = LockerLinkClient.from_settings()
        qs = Site.objects.filter(active=True)
        if sites:
            qs = qs.filter(code__in=[s.upper() for s in sites])
            missing = {s.upper() for s in sites} - set(qs.values_list("code", flat=True))
            if missing:
                raise CommandError(f"unknown site(s): {', '.join(sorted(missing))}")
        fixed = 0
        for site in qs:
            try:
                remote = client.compartment_status(site.code)
            except LockerLinkError as exc:
                self.stderr.write(f"{site.code}: skipped ({exc})")
                continue
            for compartment in Compartment.objects.filter(site=site):
                state = remote.get(compartment.label)
                if state is None or state["occupied"] == compartment.occupied:
                    continue
                self.stdout.write(f"  {site.code}/{compartment.label}: ours={compartment.occupied} "
                                  f"lockerlink={state['occupied']}")
                if not dry_run:
                    compartment.occupied = state["occupied"]
                    compartment.save(update_fields=["occupied"])
                fixed += 1
        verb = "would fix" if dry_run else "fixed"
        self.stdout.write(f"{verb} {fixed} compartment(s)")
