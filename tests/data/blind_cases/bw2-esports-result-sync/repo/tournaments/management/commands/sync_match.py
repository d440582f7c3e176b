from django.core.management.base import BaseCommand, CommandError

from core.models import JobRun
from tournaments.models import Match
from tournaments.tasks import sync_match_result


class Command(BaseCommand):
    help = "Sync a match result from the publisher API right now (in this process)."

    def add_arguments(self, parser):
        parser.add_argument("match_id", type=int)

    def handle(self, *args, **options):
        if not Match.objects.filter(pk=options["match_id"]).exists():
            raise CommandError(f"no match {options['match_id']}")
        result = sync_match_result.apply(args=[options["match_id"]]).get()
        run = JobRun.objects.filter(name="sync-match-result").first()
        self.stdout.write(f"match {options['match_id']}: {result} (job {run.status if run else '?'})")
        if run and run.error:
            self.stderr.write(run.error)
