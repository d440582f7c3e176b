from datetime import date

from django.core.management.base import BaseCommand, CommandError

from library.loans import issue_parts
from library.models import Concert
from members.models import Singer


class Command(BaseCommand):
    help = "Lend every active singer the parts of a concert's programme for their voice."

    def add_arguments(self, parser):
        parser.add_argument("concert", help="concert slug")
        parser.add_argument("--due", type=date.fromisoformat, help="due date (YYYY-MM-DD); default: "
                                                                  "LOAN_PERIOD_DAYS after the concert")
        parser.add_argument("--voice", choices=[v for v, _ in Singer.Voice.choices],
                            help="only singers of this voice")
        parser.add_argument("--dry-run", action="store_true", help="show what would be lent, change nothing")

    def handle(self, *args, concert, due=None, voice=None, dry_run=False, **options):
        try:
            c = Concert.objects.get(slug=concert)
        except Concert.DoesNotExist:
            raise CommandError(f"no concert with slug {concert!r}")
        singers = Singer.objects.filter(active=True)
        if voice:
            singers = singers.filter(voice=voice)
        report = issue_parts(c, due_on=due, singers=singers, dry_run=dry_run)
        for name, part in report.short:
            self.stderr.write(f"no free copy of {part} for {name}")
        verb = "would issue" if dry_run else "issued"
        self.stdout.write(f"{verb} {report.issued} part(s) for {c.title}; "
                          f"{report.already_had} already out, {len(report.short)} short")
