"""Open tickets from a mailbox export (one JSON object per line: team, subject, body, from)."""
import json
import logging

from django.core.management.base import BaseCommand, CommandError

from tickets.models import Team
from tickets.services import RoutingError, open_ticket

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Create tickets from a JSON-lines mailbox export."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        opened = failed = 0
        try:
            with open(options["path"], encoding="utf-8") as fh:
                messages = [json.loads(line) for line in fh if line.strip()]
        except OSError as exc:
            raise CommandError(f"cannot read {options['path']}: {exc}") from exc
        for message in messages:
            team = Team.objects.filter(name=message.get("team", "Billing")).first()
            if team is None:
                failed += 1
                continue
            try:
                open_ticket(team, message["subject"], message["body"], message["from"])
                opened += 1
            except RoutingError as exc:
                logger.warning("message from %s not routed: %s", message["from"], exc)
                failed += 1
        self.stdout.write(f"{opened} tickets opened, {failed} failed")
