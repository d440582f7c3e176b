"""CMD301's all-or-nothing oracle on an importer class that is handed the open file (not a path).

The oracle runs the importing method once as a trial (failure injected at the second write, rolled back),
then for real. The trial reads the file the command opened; the real run then found it at its end and failed.
Arguments that are streams are now rewound after the trial. And a project test whose file is refused at its
header (no second write) shows nothing either way instead of failing the regression test on fixed code.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rule_behaviour import fix_and_prove

PROJECTS = Path(__file__).parent / "data" / "cmd_projects"

IMPORTER = '''"""The donation desk's CSV export, read row by row."""
import csv
from datetime import datetime

from django.utils import timezone

from stock.models import Donation, Item


class DonationImporter:
    def __init__(self, desk=""):
        self.desk = desk

    def import_file(self, fh):
        reader = csv.DictReader(fh)
        if "sku" not in (reader.fieldnames or []):
            raise ValueError("not a donation desk export")
        created = []
        for row in reader:
            item = Item.objects.get(sku=row["sku"].strip())
            received = timezone.make_aware(datetime.fromisoformat(row["received_at"]))
            created.append(Donation.objects.create(item=item, donor=row["donor"], quantity=int(row["quantity"]),
                                                   received_at=received))
        return created
'''

COMMAND = '''from django.core.management.base import BaseCommand, CommandError

from stock.importing import DonationImporter


class Command(BaseCommand):
    help = "Import the donation desk's CSV export (sku,donor,quantity,received_at)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            try:
                created = DonationImporter(desk=options["path"]).import_file(fh)
            except ValueError as exc:
                raise CommandError(str(exc))
        self.stdout.write(f"imported {len(created)} donation(s)")
'''

HEADER_TEST = '''

def test_import_donations_refuses_another_export(catalogue, tmp_path):
    import pytest
    from django.core.management.base import CommandError

    csv_file = tmp_path / "other.csv"
    csv_file.write_text("name,amount\\nX,1\\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run("import_donations", str(csv_file))
'''


@pytest.mark.slow
def test_importer_reading_an_open_file_is_proven(project_repo) -> None:
    repo = project_repo("pantry", base=PROJECTS)
    (repo / "stock" / "importing.py").write_text(IMPORTER)
    (repo / "stock" / "management" / "commands" / "import_donations.py").write_text(COMMAND)
    tests = repo / "tests" / "test_commands.py"
    tests.write_text(tests.read_text() + HEADER_TEST)
    result = fix_and_prove(repo, "CMD301", file="stock/importing.py")
    assert result.finding.symbol == "DonationImporter.import_file"
    assert result.test_failed_before, result.output
    assert result.test_passed_after and result.suite_passed_after, result.output
