from django.core.management.base import BaseCommand, CommandError

from boxoffice import jobs

JOBS = {
    "reminders": jobs.send_pre_show_reminders,
    "release-holds": jobs.release_unpaid_holds,
    "waitlist": jobs.send_waitlist_offers,
}


class Command(BaseCommand):
    help = "Run one of the periodic box office jobs now."

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS))

    def handle(self, *args, job, **options):
        if job not in JOBS:
            raise CommandError(f"unknown job {job!r}")
        result = JOBS[job]()
        self.stdout.write(f"{job}: {result}")
