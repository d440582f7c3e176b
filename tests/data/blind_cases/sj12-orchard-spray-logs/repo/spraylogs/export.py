"""Weekly spray-log export: one zip of CSV files per farm, uploaded to the Ministry portal."""
import csv
import hashlib
import logging
import shutil
import tempfile
import zipfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from orchards.models import Farm

from .models import SprayRecord, Submission
from .regulator import RegulatorError, get_regulator_client
from .weeks import week_bounds

logger = logging.getLogger(__name__)

APPLICATION_COLUMNS = [
    "record_id", "date", "time", "block", "crop", "variety", "area_ha", "pcp_no", "product", "active_ingredient",
    "rate_per_ha", "total_product", "water_l_per_ha", "target_pest", "applicator_licence", "wind_kmh",
    "temperature_c",
]
PRODUCT_COLUMNS = ["pcp_no", "product", "active_ingredient", "rei_hours", "phi_days"]
APPLICATOR_COLUMNS = ["licence_no", "name", "licence_expires"]
MANIFEST_COLUMNS = ["cooperative_id", "site_id", "farm", "grower", "week_start", "week_end", "records", "generated_at"]


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_csv(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def _fmt(value):
    return "" if value is None else str(value)


class WeeklySprayLogExport:
    """Builds and files the weekly spray logs.

    Farms with no spraying in the week still file a nil return (an archive whose applications.csv only has the
    header row); the Ministry counts a missing file as a late report.
    """

    def __init__(self, client=None):
        self.client = client or get_regulator_client()

    def records_for(self, farm, week_start):
        start, end = week_bounds(week_start)
        return (
            SprayRecord.objects.filter(block__farm=farm, applied_at__gte=start, applied_at__lt=end)
            .select_related("block", "product", "applicator")
            .order_by("applied_at", "pk")
        )

    def write_csvs(self, workdir, farm, week_start, records):
        workdir = Path(workdir)
        products, applicators, rows = {}, {}, []
        for rec in records:
            local = timezone.localtime(rec.applied_at)
            products[rec.product.registration_no] = rec.product
            applicators[rec.applicator.licence_no] = rec.applicator
            rows.append([
                rec.pk, local.date().isoformat(), local.strftime("%H:%M"), rec.block.name, rec.block.crop,
                rec.block.variety, rec.area_ha, rec.product.registration_no, rec.product.name,
                rec.product.active_ingredient, rec.rate_per_ha, rec.total_product, rec.water_l_per_ha,
                rec.target_pest, rec.applicator.licence_no, _fmt(rec.wind_kmh), _fmt(rec.temperature_c),
            ])
        return [
            _write_csv(workdir / "manifest.csv", MANIFEST_COLUMNS, [[
                settings.SPRAYLOG_COOPERATIVE_ID, farm.regulator_site_id, farm.name, farm.grower,
                week_start.isoformat(), (week_start + timedelta(days=6)).isoformat(),
                len(rows), timezone.now().isoformat(timespec="seconds"),
            ]]),
            _write_csv(workdir / "applications.csv", APPLICATION_COLUMNS, rows),
            _write_csv(workdir / "products.csv", PRODUCT_COLUMNS, [
                [p.registration_no, p.name, p.active_ingredient, p.rei_hours, p.phi_days]
                for _, p in sorted(products.items())
            ]),
            _write_csv(workdir / "applicators.csv", APPLICATOR_COLUMNS, [
                [a.licence_no, a.name, a.licence_expires.isoformat()] for _, a in sorted(applicators.items())
            ]),
        ]

    def build_archive(self, workdir, farm, week_start, records):
        csv_paths = self.write_csvs(workdir, farm, week_start, records)
        archive = Path(workdir) / f"{farm.regulator_site_id}_{week_start:%Y%m%d}.zip"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in csv_paths:
                zf.write(path, arcname=path.name)
        return archive

    def submit_farm(self, farm, week_start):
        """Build the farm's archive for the week and upload it. Returns the Submission."""
        submission, _ = Submission.objects.get_or_create(farm=farm, week_start=week_start)
        if submission.status == Submission.Status.SUBMITTED:
            logger.info("spray log %s week %s already filed (receipt %s)", farm.code, week_start,
                        submission.receipt_no)
            return submission

        records = list(self.records_for(farm, week_start))
        workdir = Path(tempfile.mkdtemp(prefix=f"spraylog-{farm.code}-"))
        archive = self.build_archive(workdir, farm, week_start, records)

        submission.attempts += 1
        submission.last_attempt_at = timezone.now()
        submission.record_count = len(records)
        submission.archive_sha256 = _sha256(archive)
        try:
            receipt_no = self.client.upload_spray_log(archive, site_id=farm.regulator_site_id,
                                                      week_start=week_start)
        except RegulatorError as exc:
            logger.warning("spray log upload for %s week %s failed (attempt %d): %s", farm.code, week_start,
                           submission.attempts, exc)
            submission.status = Submission.Status.FAILED
            submission.error = str(exc)[:500]
            submission.save()
            return submission

        shutil.rmtree(workdir)
        submission.status = Submission.Status.SUBMITTED
        submission.submitted_at = timezone.now()
        submission.receipt_no = receipt_no
        submission.error = ""
        submission.save()
        logger.info("spray log %s week %s filed: %d records, receipt %s", farm.code, week_start, len(records),
                    receipt_no)
        return submission

    def submit_week(self, week_start, farms=None):
        farms = farms if farms is not None else Farm.objects.filter(active=True)
        counts = {"submitted": 0, "failed": 0, "skipped": 0}
        for farm in farms:
            before = Submission.objects.filter(farm=farm, week_start=week_start,
                                               status=Submission.Status.SUBMITTED).exists()
            submission = self.submit_farm(farm, week_start)
            if before:
                counts["skipped"] += 1
            elif submission.status == Submission.Status.SUBMITTED:
                counts["submitted"] += 1
            else:
                counts["failed"] += 1
        return counts

    def retry_failed(self, since):
        counts = {"submitted": 0, "failed": 0}
        failed = (Submission.objects.filter(status__in=[Submission.Status.FAILED, Submission.Status.PENDING],
                                            week_start__gte=since, farm__active=True)
                  .select_related("farm").order_by("week_start", "farm__code"))
        for submission in failed:
            result = self.submit_farm(submission.farm, submission.week_start)
            counts["submitted" if result.status == Submission.Status.SUBMITTED else "failed"] += 1
        return counts
