"""Solve tickets that have waited for the customer for more than N days."""
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from tickets.models import Ticket
from tickets.services import solve


class Command(BaseCommand):
    help = "Solve tickets waiting for a customer answer for longer than --days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14)

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=options["days"])
        stale = Ticket.objects.filter(status=Ticket.Status.WAITING, replies__created_at__lt=cutoff).distinct()
        count = 0
        for ticket in stale:
            if not ticket.replies.filter(created_at__gte=cutoff).exists():
                solve(ticket)
                count += 1
        self.stdout.write(f"{count} stale tickets solved")
