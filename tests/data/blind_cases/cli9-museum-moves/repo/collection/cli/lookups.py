"""Turning what the user typed or scanned into model instances.

Objects are identified either by accession number ("1987.34.1", "T.2004.12a") or by the barcode on their current
label ("KCM0004127"). Retired labels do not identify anything any more.
"""
import click

from ..labels import is_barcode
from ..models import CollectionObject, Location, ObjectLabel


def _scanner_lines(stream):
    for line in stream:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        # the handheld scanners export "barcode,timestamp"
        yield line.split(",", 1)[0].strip()


def read_tokens(args, stream=None, *, allow_empty=False):
    """Accession numbers / barcodes from the command line and/or a scanner export, de-duplicated, in order."""
    tokens = [a.strip() for a in args if a and a.strip()]
    if stream is not None:
        tokens.extend(t for t in _scanner_lines(stream) if t)

    seen, unique = set(), []
    for token in tokens:
        key = token.upper()
        if key not in seen:
            seen.add(key)
            unique.append(token)
    if not unique and not allow_empty:
        raise click.UsageError("no objects given: pass accession numbers or barcodes, or --from-file")
    return unique


def resolve_location(code, *, param_hint="--to"):
    try:
        return Location.objects.get(code=code.strip().upper())
    except Location.DoesNotExist:
        raise click.BadParameter(f"no location with code {code!r}", param_hint=param_hint) from None


def resolve_object(token):
    """One object by barcode (active label) or accession number."""
    token = token.strip()
    if is_barcode(token):
        label = ObjectLabel.objects.select_related("object__location").get(barcode=token.upper(), active=True)
        return label.object
    return CollectionObject.objects.select_related("location").get(accession_number=token)


def resolve_objects(tokens):
    """All objects for tokens, or a ClickException naming every token that matched nothing."""
    objects, unknown, seen = [], [], set()
    for token in tokens:
        try:
            obj = resolve_object(token)
        except CollectionObject.DoesNotExist:
            unknown.append(token)
            continue
        if obj.pk not in seen:
            seen.add(obj.pk)
            objects.append(obj)
    if unknown:
        raise click.ClickException(f"unknown object(s): {', '.join(unknown)}")
    return objects


def lookup_scans(tokens):
    """For audits: (objects found, tokens that matched nothing). Unmatched scans are reported, not fatal."""
    barcodes = {t.upper() for t in tokens if is_barcode(t)}
    numbers = {t for t in tokens if not is_barcode(t)}
    by_label = {
        label.barcode: label.object
        for label in ObjectLabel.objects.filter(barcode__in=barcodes, active=True).select_related("object")
    }
    by_number = {o.accession_number: o for o in CollectionObject.objects.filter(accession_number__in=numbers)}

    found, unrecognised = {}, []
    for token in tokens:
        obj = by_label.get(token.upper()) if is_barcode(token) else by_number.get(token)
        if obj is None:
            unrecognised.append(token)
        else:
            found.setdefault(obj.pk, obj)
    return list(found.values()), unrecognised
