import click
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from ..labels import issue_label, retire_label
from ..models import CollectionObject, LocationAudit, Movement, ObjectLabel
from ..movements import MoveRefused, apply_move, plan_move
from .lookups import lookup_scans, read_tokens, resolve_location, resolve_object, resolve_objects

SCAN_FILE = click.File("r", encoding="utf-8")


@click.group(help="Collection stores: move objects, find them, audit locations, manage labels.")
def cli():
    pass


@cli.command(help="Move objects (accession numbers or label barcodes) to a location.")
@click.option("--to", "destination", required=True, metavar="LOCATION", help="destination location code")
@click.option("--reason", type=click.Choice(Movement.Reason.values), default=Movement.Reason.REHOUSING.value,
              show_default=True)
@click.option("--from-file", "from_file", type=SCAN_FILE, help="scanner export: one barcode or number per line")
@click.option("--dry-run", is_flag=True, help="show what would move, change nothing")
@click.argument("items", nargs=-1)
@click.pass_obj
def move(app, destination, reason, from_file, dry_run, items):
    tokens = read_tokens(items, from_file)
    location = resolve_location(destination)
    objects = resolve_objects(tokens)
    try:
        plan = plan_move(objects, location)
    except MoveRefused as exc:
        raise click.ClickException(str(exc)) from None

    for obj, why in plan.refused:
        app.warn(f"  skipped {obj.accession_number}: {why}")
    for obj in plan.already_there:
        app.info(f"  {obj.accession_number} is already at {location.code}")
    for obj in plan.to_move:
        current = obj.location.code if obj.location else "-"
        app.echo(f"  {obj.accession_number:<16} {current:<12} -> {location.code}")

    if dry_run:
        app.echo(f"[dry run] would move {len(plan.to_move)} object(s) to {location.code}")
        return
    batch = apply_move(plan, moved_by=app.operator, reason=reason)
    suffix = f" (batch {batch[:8]})" if batch else ""
    app.echo(f"moved {len(plan.to_move)} object(s) to {location.code}{suffix}")


@cli.command(help="Show where objects are (accession numbers or label barcodes).")
@click.argument("items", nargs=-1, required=True)
@click.pass_obj
def where(app, items):
    for token in read_tokens(items):
        try:
            obj = resolve_object(token)
        except ObjectDoesNotExist:
            app.echo(f"{token}: not found (unknown accession number, or unknown/retired label)")
            continue
        last = obj.movements.first()
        since = f" since {timezone.localtime(last.moved_at):%d %b %Y}" if last else ""
        app.echo(f"{token}: {obj.accession_number} {obj.title} -- {obj.location or 'no location'} "
                 f"({obj.get_status_display()}){since}")


@cli.command(help="Compare a location's scan (scanner export) with what the database says is there.")
@click.argument("location_code")
@click.option("--scan-file", type=SCAN_FILE, required=True)
@click.option("--record/--no-record", default=True, help="save the audit and mark the location as audited")
@click.pass_obj
def audit(app, location_code, scan_file, record):
    location = resolve_location(location_code, param_hint="LOCATION_CODE")
    tokens = read_tokens((), scan_file, allow_empty=True)  # an empty shelf scans as an empty file
    found, unrecognised = lookup_scans(tokens)

    expected = {
        o.pk: o for o in location.contents.exclude(status=CollectionObject.Status.DEACCESSIONED)
    }
    found_ids = {o.pk for o in found}
    missing = sorted(o.accession_number for pk, o in expected.items() if pk not in found_ids)
    unexpected = sorted(o.accession_number for o in found if o.pk not in expected)
    present = len(expected) - len(missing)
    rate = 100.0 * present / len(expected) if expected else 100.0

    app.echo(f"{location.code}: {present}/{len(expected)} expected object(s) found ({rate:.0f}%)")
    for number in missing:
        app.echo(f"  MISSING     {number}")
    for number in unexpected:
        app.echo(f"  UNEXPECTED  {number}")
    for token in unrecognised:
        app.echo(f"  UNKNOWN     {token}")

    if record:
        now = timezone.now()
        LocationAudit.objects.create(
            location=location, audited_at=now, audited_by=app.operator,
            expected_count=len(expected), found_count=present,
            missing=missing, unexpected=unexpected, unrecognised=unrecognised,
        )
        location.last_audited_at = now
        location.save(update_fields=["last_audited_at"])


@cli.group(help="Object labels.")
def labels():
    pass


@labels.command("issue", help="Print a new label for an object; its old labels are retired.")
@click.argument("item")
@click.option("--keep-old", is_flag=True, help="keep the object's current labels active")
@click.pass_obj
def labels_issue(app, item, keep_old):
    try:
        obj = resolve_object(item)
    except ObjectDoesNotExist:
        raise click.ClickException(f"unknown object: {item}") from None
    label, retired = issue_label(obj, retire_old=not keep_old)
    app.echo(f"{obj.accession_number}: new label {label.barcode}" + (f", {retired} retired" if retired else ""))


@labels.command("retire", help="Retire a label (damaged, or left on an old box).")
@click.argument("barcode")
@click.pass_obj
def labels_retire(app, barcode):
    label = ObjectLabel.objects.filter(barcode=barcode.strip().upper(), active=True).select_related("object").first()
    if label is None:
        raise click.ClickException(f"no active label {barcode}")
    retire_label(label)
    app.echo(f"retired {label.barcode} ({label.object.accession_number})")
    if not label.object.labels.filter(active=True).exists():
        app.warn(f"  {label.object.accession_number} has no active label now; run `labels issue` for it")
