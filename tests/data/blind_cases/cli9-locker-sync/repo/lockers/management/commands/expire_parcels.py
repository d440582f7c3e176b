from django.core.management.base import BaseCommand

from lockers import parcels


class Command(BaseCommand):
    help = "Mark parcels past their pickup deadline as expired and tell the recipients they go back."

    def add_arguments(self, parser):
        parser.add_argument("--site", help="only this site code")
        parser.add_argument("--dry-run", action="store_true", help="list the parcels, change nothing")

    def handle(self, *args, site=None, dry_run=False, **options):
        qs = parcels.overdue()
        if site:
            qs = qs.filter(site__code=site.upper())
        expired = 0
        for parcel in qs:
            self.stdout.write(f"  {parcel.tracking_code} {parcel.site.code}/{parcel.compartment.label} "
                              f"deadline {parcel.pickup_deadline:%Y-%m-%d %H:%M}")
            if not dry_run and parcels.expire(parcel):
                expired += 1
        if dry_run:
            self.stdout.write(f"[dry run] would expire {qs.count()} parcel(s)")
        else:
            self.stdout.write(f"expired {expired} parcel(s)")
