"""Harbour office command line: ``manage.py moorings <action> ...``."""
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from billing.invoicing import DEFAULT_DUE_DAYS, issue_season_invoices, reissue_for_release
from harbour.models import Berth, MooringAssignment, Season, Vessel
from harbour.services import AssignmentError, assign_berth, open_season, release_berth, vacant_berths


def iso_date(value):
    return date.fromisoformat(value)


def metres(value):
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(value)


class Command(BaseCommand):
    help = "Mooring assignments and season invoicing for the harbour office."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

        assign = actions.add_parser("assign", help="moor a vessel on a berth for the season")
        assign.add_argument("berth", help="berth code, e.g. B14")
        assign.add_argument("vessel", help="vessel registration, e.g. GBR-30418")
        assign.add_argument("--season", type=int, help="season year (default: the open season)")
        assign.add_argument("--from", dest="starts_on", type=iso_date, metavar="YYYY-MM-DD",
                            help="first day on the berth (default: season start or today)")
        assign.add_argument("--force", action="store_true",
                            help="assign even though the vessel is larger than the berth")

        release = actions.add_parser("release", help="end a vessel's assignment to a berth")
        release.add_argument("berth", help="berth code")
        release.add_argument("--season", type=int, help="season year (default: the open season)")
        release.add_argument("--on", dest="released_on", type=iso_date, metavar="YYYY-MM-DD",
                             help="last day on the berth (default: today)")
        release.add_argument("--reason", default="", help="kept on the assignment for the records")
        release.add_argument("--no-credit", dest="credit", action="store_false",
                             help="keep the season invoice as it is instead of re-billing pro rata")

        invoice = actions.add_parser("invoice", help="(re)issue season invoices to all berth holders")
        invoice.add_argument("--season", type=int, help="season year (default: the open season)")
        invoice.add_argument("--pontoon", help="only berths on this pontoon, e.g. C")
        invoice.add_argument("--due-days", type=int, default=DEFAULT_DUE_DAYS,
                             help=f"payment terms in days (default {DEFAULT_DUE_DAYS})")
        invoice.add_argument("--skip-paid", action="store_true",
                             help="leave berths whose season invoice is already paid in full alone")
        invoice.add_argument("--dry-run", action="store_true", help="show what would be invoiced, change nothing")

        vacant = actions.add_parser("vacant", help="list berths with nobody on them")
        vacant.add_argument("--season", type=int, help="season year (default: the open season)")
        vacant.add_argument("--min-length", type=metres, metavar="METRES")
        vacant.add_argument("--with-power", action="store_true", help="only berths with shore power")

    def handle(self, *args, **options):
        handler = getattr(self, f"_handle_{options['action']}")
        try:
            handler(options)
        except AssignmentError as exc:
            raise CommandError(str(exc))

    # -- helpers -----------------------------------------------------------------------------------

    def _season(self, year):
        if year is None:
            return open_season()
        try:
            return Season.objects.get(year=year)
        except Season.DoesNotExist:
            raise CommandError(f"no season {year}")

    def _berth(self, code):
        try:
            return Berth.objects.get(code=code.upper())
        except Berth.DoesNotExist:
            raise CommandError(f"unknown berth {code!r}")

    # -- actions -----------------------------------------------------------------------------------

    def _handle_assign(self, options):
        season = self._season(options["season"])
        berth = self._berth(options["berth"])
        try:
            vessel = Vessel.objects.get(registration=options["vessel"].upper())
        except Vessel.DoesNotExist:
            raise CommandError(f"unknown vessel {options['vessel']!r}")
        assignment = assign_berth(berth, vessel, season, starts_on=options["starts_on"], force=options["force"])
        note = " (oversize, forced)" if assignment.oversize_override else ""
        self.stdout.write(self.style.SUCCESS(
            f"{vessel} assigned to {berth} from {assignment.starts_on}{note}"))

    def _handle_release(self, options):
        season = self._season(options["season"])
        berth = self._berth(options["berth"])
        assignment = MooringAssignment.objects.current().filter(berth=berth, season=season).first()
        if assignment is None:
            raise CommandError(f"nobody is on {berth} in {season.year}")
        release_berth(assignment, released_on=options["released_on"], reason=options["reason"])
        self.stdout.write(self.style.SUCCESS(f"{assignment.vessel} released from {berth} "
                                             f"on {assignment.released_on}"))
        if options["credit"]:
            invoice = reissue_for_release(assignment)
            if invoice is not None:
                self.stdout.write(f"season invoice now {invoice.number}: £{invoice.amount}")

    def _handle_invoice(self, options):
        season = self._season(options.get("season"))
        dry_run = options.get("dry_run", False)
        result = issue_season_invoices(
            season,
            pontoon=options.get("pontoon"),
            skip_paid=options.get("skip_paid_invoices", False),
            due_days=options.get("due_days", DEFAULT_DUE_DAYS),
            dry_run=dry_run,
        )
        if options["verbosity"] > 1:
            for item in result.issued:
                self.stdout.write(f"  {item}")
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}season {season.year}: {result.summary()}"))

    def _handle_vacant(self, options):
        season = self._season(options["season"])
        berths = vacant_berths(season, min_length=options["min_length"], with_power=options["with_power"])
        for berth in berths:
            power = "power" if berth.has_power else ""
            self.stdout.write(f"{berth.code:<6} {berth.length_m:>6} x {berth.beam_m:<5} {power}")
        self.stdout.write(f"{len(berths)} vacant berths in {season.year}")
