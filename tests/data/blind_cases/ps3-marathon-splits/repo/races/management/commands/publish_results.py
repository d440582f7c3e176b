import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from races.models import Race, Result, ResultReview
from timing.decoder_health import DecoderHealth
from timing.jobs.race_results import compute_results
from timing.reads import load_reads
from timing.spark import get_spark

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Compute a race's results from the decoder logs, hold back suspicious ones, publish the rest."

    def add_arguments(self, parser):
        parser.add_argument("--race", required=True, help="race slug")
        parser.add_argument("--reads", help="directory of decoder CSVs (default: READS_ROOT/reads/<slug>)")
        parser.add_argument("--decoder-report", action="store_true", help="also log per-decoder read statistics")

    def handle(self, *args, **options):
        try:
            race = Race.objects.get(slug=options["race"])
        except Race.DoesNotExist:
            raise CommandError(f"unknown race {options['race']}")
        mats = [(tp.mat, float(tp.km)) for tp in race.timing_points.order_by("km")]
        if not mats or mats[0][0] != "START" or mats[-1][0] != "FINISH":
            raise CommandError("the race needs START and FINISH timing points")
        reads_path = f"{options['reads'] or settings.TIMING['READS_ROOT'] + '/reads/' + race.slug}/*.csv"

        spark = get_spark(f"results-{race.slug}", master=settings.TIMING["SPARK_MASTER"])
        results, flags = compute_results(spark, reads_path, race.gun_time, mats,
                                         settings.TIMING["MIN_PACE_S_PER_KM"])
        if options["decoder_report"]:
            DecoderHealth(spark, settings.TIMING["LOW_RSSI"]).report(load_reads(spark, reads_path))

        entries = {e.bib: e for e in race.entries.all()}
        counts = {status: 0 for status in Result.Status.values}
        with transaction.atomic():
            Result.objects.filter(entry__race=race).delete()
            ResultReview.objects.filter(entry__race=race, resolved=False).delete()
            for bib, r in sorted(results.items()):
                entry = entries.get(bib)
                if entry is None:
                    logger.warning("reads for unknown bib %s in %s", bib, race.slug)
                    continue
                if r["chip_time_s"] is None:
                    status = Result.Status.DNF
                elif bib in flags:
                    status = Result.Status.UNDER_REVIEW
                    ResultReview.objects.bulk_create([ResultReview(entry=entry, reason=reason[:200])
                                                      for reason in flags[bib]])
                else:
                    status = Result.Status.OFFICIAL
                Result.objects.create(entry=entry, status=status, gun_time_s=r["gun_time_s"],
                                      chip_time_s=r["chip_time_s"], splits=r["splits"])
                counts[status] += 1
            self._assign_places(race)
            race.published_at = timezone.now()
            race.save(update_fields=["published_at"])
        self.stdout.write(
            f"{race.slug}: {counts['official']} official, {counts['under_review']} held back for review, "
            f"{counts['dnf']} DNF"
        )

    @staticmethod
    def _assign_places(race):
        official = Result.objects.filter(entry__race=race, status=Result.Status.OFFICIAL).select_related("entry")
        per_category = {}
        for place, result in enumerate(official.order_by("chip_time_s", "entry__bib"), start=1):
            result.overall_place = place
            per_category[result.entry.category] = per_category.get(result.entry.category, 0) + 1
            result.category_place = per_category[result.entry.category]
            result.save(update_fields=["overall_place", "category_place"])
