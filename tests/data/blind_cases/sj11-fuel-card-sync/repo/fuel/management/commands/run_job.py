from django.core.management.base import BaseCommand

from fuel.scheduling import JOBS


class Command(BaseCommand):
    help = "Run one of the scheduled fuel jobs once, now (the same code the scheduler runs)."

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS))

    def handle(self, *args, job, **options):
        result = JOBS[job].func()
        self.stdout.write(f"{job}: {result}")
