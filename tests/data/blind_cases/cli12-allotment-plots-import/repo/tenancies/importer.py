"""Importing a season's tenancies from the treasurer's spreadsheet."""
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Max

from plots.models import Plot

from .models import Tenancy, Tenant
from .spreadsheet import RowError, parse_fee, parse_member_no

logger = logging.getLogger(__name__)


class ImportRowError(Exception):
    """A row of the spreadsheet cannot be imported."""

    def __init__(self, line, message):
        super().__init__(f"row {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class ImportResult:
    season: int
    tenancies: int = 0
    new_members: list = field(default_factory=list)
    updated_members: int = 0


def _next_member_no():
    highest = Tenant.objects.aggregate(highest=Max("member_no"))["highest"]
    return max(highest + 1, settings.FIRST_MEMBER_NO) if highest is not None else settings.FIRST_MEMBER_NO


def _find_plot(row):
    number = row.plot.strip().upper()
    if not number:
        raise ImportRowError(row.line, "plot is empty")
    try:
        plot = Plot.objects.select_related("site").get(number=number)
    except Plot.DoesNotExist:
        raise ImportRowError(row.line, f"unknown plot {row.plot!r}") from None
    if not plot.is_lettable:
        raise ImportRowError(row.line, f"plot {plot} is not lettable")
    return plot


def _existing_tenant(row, member_no):
    try:
        tenant = Tenant.objects.get(member_no=member_no)
    except Tenant.DoesNotExist:
        raise ImportRowError(row.line, f"unknown member number {member_no}") from None
    # The spreadsheet is where members' contact details are kept up to date.
    changed = []
    for attr in ("email", "phone"):
        value = getattr(row, attr)
        if value and value != getattr(tenant, attr):
            setattr(tenant, attr, value)
            changed.append(attr)
    if changed:
        tenant.save(update_fields=changed)
    return tenant, bool(changed)


def _new_tenant(row, member_no):
    if not (row.first_name and row.last_name):
        raise ImportRowError(row.line, "new member without first and last name")
    tenant = Tenant(member_no=member_no, first_name=row.first_name, last_name=row.last_name,
                    email=row.email, phone=row.phone)
    try:
        tenant.full_clean()
    except ValidationError as exc:
        raise ImportRowError(row.line, "; ".join(exc.messages)) from None
    tenant.save()
    return tenant


def import_tenancies(rows, season):
    """Create the tenancies of ``season`` from spreadsheet rows.

    Rows with a member number belong to existing members (their e-mail and phone are updated from the
    sheet); rows without one are new members from the waiting list, who get the next free member number.
    Raises ImportRowError for the first row that cannot be imported.
    """
    result = ImportResult(season=season)
    next_member_no = _next_member_no()

    for row in rows:
        plot = _find_plot(row)
        try:
            fee = parse_fee(row.fee)
            member_no = parse_member_no(row.member_no)
        except RowError as exc:
            raise ImportRowError(row.line, str(exc)) from None

        if member_no is None:
            tenant = _new_tenant(row, next_member_no)
            next_member_no += 1
            result.new_members.append(tenant)
        else:
            tenant, updated = _existing_tenant(row, member_no)
            result.updated_members += updated

        tenancy = Tenancy(plot=plot, tenant=tenant, season=season, annual_fee=fee, source=Tenancy.Source.IMPORT)
        try:
            tenancy.full_clean()
        except ValidationError as exc:
            raise ImportRowError(row.line, "; ".join(exc.messages)) from None
        tenancy.save()
        result.tenancies += 1

    logger.info("imported %d tenancies for season %d (%d new members)",
                result.tenancies, season, len(result.new_members))
    return result
