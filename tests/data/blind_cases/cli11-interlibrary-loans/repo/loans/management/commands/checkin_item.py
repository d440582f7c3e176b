from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from libraries.models import Library
from loans.models import Loan
from loans.services import LoanError, find_open_loan, record_return


class Command(BaseCommand):
    help = "Check in one returned ILL item at the hub desk by scanning its barcode."

    def add_arguments(self, parser):
        parser.add_argument("barcode")
        parser.add_argument("--from-library", dest="library", help="borrowing library code, if known")
        parser.add_argument("--condition", choices=[c.value for c in Loan.Condition],
                            default=Loan.Condition.GOOD)

    def handle(self, *args, barcode, library, condition, **options):
        borrower = None
        if library:
            try:
                borrower = Library.objects.get(code=library.upper())
            except Library.DoesNotExist:
                raise CommandError(f"unknown library code {library!r}")
        try:
            loan = find_open_loan(barcode, borrower)
        except Loan.DoesNotExist:
            raise CommandError(f"no open interlibrary loan for barcode {barcode!r}; "
                               "put the item on the problem shelf")
        except Loan.MultipleObjectsReturned:
            raise CommandError(f"barcode {barcode!r} matches several open loans; use --from-library")
        try:
            record_return(loan, timezone.now(), condition, source="desk")
        except LoanError as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"{loan.ill_number}: returned, send back to {loan.lending_library.code} "
                          f"(route {loan.lending_library.courier_route or '-'})")
