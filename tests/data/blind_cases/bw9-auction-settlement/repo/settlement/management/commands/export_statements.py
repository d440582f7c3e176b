import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Sale
from settlement.models import StatementLine

HEADER = ["statement", "consignor", "lot", "title", "outcome", "hammer", "commission", "net", "bids"]


class Command(BaseCommand):
    help = "Write the consignor statement lines of a settled sale to a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("code", help="sale code")
        parser.add_argument("-o", "--output", type=Path, help="CSV file to write (default: exports/<code>.csv)")

    def handle(self, *args, code, output, **options):
        try:
            sale = Sale.objects.get(code=code)
        except Sale.DoesNotExist:
            raise CommandError(f"no sale with code {code!r}") from None
        if sale.status != Sale.Status.SETTLED:
            raise CommandError(f"sale {code} is not settled yet")

        output = output or Path("exports") / f"{code}.csv"
        output.parent.mkdir(parents=True, exist_ok=True)
        lines = (
            StatementLine.objects.filter(statement__sale=sale)
            .select_related("statement__consignor", "lot")
            .order_by("statement__number", "lot__number")
        )
        rows = 0
        with output.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            for line in lines.iterator(chunk_size=1000):
                net = (line.hammer - line.commission) if line.hammer is not None else ""
                writer.writerow(
                    [
                        line.statement.number,
                        line.statement.consignor.account_code,
                        line.lot.number,
                        line.lot.title,
                        line.outcome,
                        line.hammer if line.hammer is not None else "",
                        line.commission,
                        net,
                        line.bids_received,
                    ]
                )
                rows += 1
        self.stdout.write(f"wrote {rows} lines to {output}")
