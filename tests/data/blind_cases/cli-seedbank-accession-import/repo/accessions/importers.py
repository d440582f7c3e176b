"""Loading the field team's collection sheets (see docs/field-sheet.md)."""
import csv
import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone

from .models import Accession, Collector, SeedLot, Species
from .numbering import next_accession_number

log = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("field_number", "collector", "species", "collected_on", "site", "seed_count")


class ImportRowError(Exception):
    def __init__(self, lineno, message):
        super().__init__(f"line {lineno}: {message}")
        self.lineno = lineno


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    new_species: list = field(default_factory=list)


class AccessionImporter:
    def __init__(self, source_name=""):
        self.source_name = source_name
        self._collectors = {c.name.lower(): c for c in Collector.objects.filter(active=True)}

    def import_file(self, fh):
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ImportRowError(1, f"missing column(s): {', '.join(missing)}")
        result = ImportResult()
        year = timezone.localdate().year
        for lineno, row in enumerate(reader, start=2):
            if not any((v or "").strip() for v in row.values()):
                continue
            accession = self._create_accession(lineno, row, year, result)
            result.created.append(accession)
        log.info("imported %d accession(s) from %s", len(result.created), self.source_name or "<stream>")
        return result

    def _create_accession(self, lineno, row, year, result):
        collector = self._collector(lineno, row["collector"])
        species, created = self._species(lineno, row["species"], row.get("family", ""))
        if created:
            result.new_species.append(species)
        collected_on = self._date(lineno, row["collected_on"])
        seeds = self._positive_int(lineno, "seed_count", row["seed_count"])
        altitude = row.get("altitude_m", "").strip()
        accession = Accession.objects.create(
            number=next_accession_number(year),
            species=species,
            collector=collector,
            field_number=row["field_number"].strip(),
            collected_on=collected_on,
            site=row["site"].strip(),
            grid_ref=row.get("grid_ref", "").strip(),
            altitude_m=self._positive_int(lineno, "altitude_m", altitude) if altitude else None,
            estimated_seeds=seeds,
            source_file=self.source_name,
        )
        self._store_lots(accession, seeds)
        return accession

    def _store_lots(self, accession, seeds):
        base = min(seeds, settings.SEEDVAULT_BASE_COLLECTION_MIN)
        SeedLot.objects.create(accession=accession, collection=SeedLot.Collection.BASE, seed_count=base)
        if seeds > base:
            SeedLot.objects.create(accession=accession, collection=SeedLot.Collection.ACTIVE, seed_count=seeds - base)

    def _collector(self, lineno, name):
        try:
            return self._collectors[name.strip().lower()]
        except KeyError:
            raise ImportRowError(lineno, f"unknown collector {name!r}")

    def _species(self, lineno, name, family):
        parts = name.split()
        if len(parts) < 2:
            raise ImportRowError(lineno, f"species {name!r} is not 'Genus epithet'")
        genus, epithet = parts[0].capitalize(), parts[1].lower()
        return Species.objects.get_or_create(genus=genus, epithet=epithet, defaults={"family": family.strip()})

    def _date(self, lineno, value):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            raise ImportRowError(lineno, f"collected_on {value!r} is not a date (YYYY-MM-DD)")
        if parsed > timezone.localdate():
            raise ImportRowError(lineno, f"collected_on {value} is in the future")
        return parsed

    def _positive_int(self, lineno, column, value):
        try:
            number = int(value.strip())
        except ValueError:
            raise ImportRowError(lineno, f"{column} {value!r} is not a whole number")
        if number <= 0:
            raise ImportRowError(lineno, f"{column} must be positive")
        return number
