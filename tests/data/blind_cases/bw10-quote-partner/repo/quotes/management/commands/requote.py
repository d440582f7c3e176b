from django.core.management.base import BaseCommand, CommandError

from quotes.actors import fetch_partner_quote
from quotes.models import PartnerQuote, QuoteRequest


class Command(BaseCommand):
    help = "Ask the partners again for the quotes of a request that are still pending."

    def add_arguments(self, parser):
        parser.add_argument("reference")

    def handle(self, *args, reference, **options):
        try:
            quote_request = QuoteRequest.objects.get(reference=reference)
        except QuoteRequest.DoesNotExist:
            raise CommandError(f"no quote request {reference}") from None
        if quote_request.status != QuoteRequest.Status.COLLECTING:
            raise CommandError(f"quote request {reference} is {quote_request.status}")

        pending = quote_request.partner_quotes.filter(status=PartnerQuote.Status.PENDING)
        for partner_quote in pending:
            fetch_partner_quote.send(partner_quote.pk)
        self.stdout.write(f"re-queued {len(pending)} partner quote(s) for {reference}")
