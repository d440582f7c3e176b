import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from syndication.exporter import FeedExporter
from syndication.models import Portal
from syndication.workspace import ExportInProgress

logger = logging.getLogger("syndication.export_feeds")


class Command(BaseCommand):
    help = "Build and deliver the listing feed of each active portal (hourly, see deploy/k8s/cronjobs.yaml)."

    def add_arguments(self, parser):
        parser.add_argument("--portal", action="append", dest="portals", metavar="CODE",
                            help="only this portal (repeatable); inactive portals can be exported this way")

    def handle(self, *args, portals=None, **options):
        if portals:
            selected = list(Portal.objects.filter(code__in=portals))
            unknown = sorted(set(portals) - {p.code for p in selected})
            if unknown:
                raise CommandError(f"unknown portal(s): {', '.join(unknown)}")
        else:
            selected = list(Portal.objects.filter(active=True))

        failed = []
        for portal in selected:
            try:
                run = FeedExporter(portal).run()
            except ExportInProgress as exc:
                self.stdout.write(f"{portal.code}: skipped, {exc}")
                continue
            except Exception as exc:  # one portal's failure must not stop the others
                logger.exception("%s: feed export failed", portal.code)
                self.stderr.write(f"{portal.code}: FAILED: {exc}")
                failed.append(portal.code)
                continue
            took = (run.finished_at - run.started_at).total_seconds()
            self.stdout.write(f"{portal.code}: {run.listing_count} listings -> {run.file_name} ({took:.1f}s)")

        if failed:
            raise CommandError(f"feed export failed for {', '.join(failed)} at {timezone.now():%Y-%m-%d %H:%M}")
