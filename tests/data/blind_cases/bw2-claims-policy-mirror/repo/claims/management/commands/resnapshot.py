from django.core.management.base import BaseCommand

from claims.legacy import MirrorError
from claims.models import Claim
from claims.tasks import snapshot_policy


class Command(BaseCommand):
    help = "Retry the policy snapshot of claims waiting for review (e.g. after the mirror caught up)."

    def add_arguments(self, parser):
        parser.add_argument("numbers", nargs="*", help="claim numbers (default: all claims needing review)")

    def handle(self, *args, **options):
        claims = Claim.objects.filter(status=Claim.Status.NEEDS_REVIEW)
        if options["numbers"]:
            claims = Claim.objects.filter(number__in=options["numbers"])
        done = failed = 0
        for claim in claims:
            try:
                status = snapshot_policy.apply(args=[claim.pk], throw=True).get()
            except MirrorError as exc:
                self.stderr.write(f"{claim.number}: {exc}")
                failed += 1
                continue
            self.stdout.write(f"{claim.number}: {status}")
            done += 1
        self.stdout.write(f"{done} re-snapshotted, {failed} still failing")
