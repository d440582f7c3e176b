from django.core.management.base import BaseCommand, CommandError

from tournaments.bracket import BracketError, build_bracket
from tournaments.models import Tournament


class Command(BaseCommand):
    help = "(Re)build the single-elimination bracket of a tournament from its seeded entries."

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, **options):
        try:
            tournament = Tournament.objects.get(slug=options["slug"])
        except Tournament.DoesNotExist:
            raise CommandError(f"no tournament {options['slug']}")
        if tournament.matches.filter(status__in=["live", "completed"]).exists():
            raise CommandError("matches have already been played")
        try:
            count = build_bracket(tournament)
        except BracketError as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"{tournament.slug}: {count} matches")
