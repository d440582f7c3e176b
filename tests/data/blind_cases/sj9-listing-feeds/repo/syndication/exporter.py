import gzip
import logging

from django.utils import timezone

from listings.models import Listing
from listings.services import syndicated_listings

from .delivery import get_delivery
from .feeds import WRITERS, listing_record
from .workspace import export_workspace

logger = logging.getLogger(__name__)


class FeedExporter:
    """Build one portal's feed in a staging directory and deliver it."""

    def __init__(self, portal, now=None):
        self.portal = portal
        self.now = now or timezone.now()

    def statuses(self):
        if self.portal.include_pending:
            return (Listing.Status.ACTIVE, Listing.Status.PENDING)
        return (Listing.Status.ACTIVE,)

    def file_name(self, writer_cls):
        stamp = timezone.localtime(self.now).strftime("%Y%m%d-%H%M")
        return f"{self.portal.code}-{stamp}.{writer_cls.extension}.gz"

    def write_feed(self, path, writer_cls):
        count = 0
        with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
            writer = writer_cls(fh, generated_at=self.now)
            writer.start()
            for listing in syndicated_listings(self.statuses()):
                writer.write(listing_record(listing, self.portal.max_photos))
                count += 1
            writer.finish(count)
        return count

    def run(self):
        writer_cls = WRITERS[self.portal.feed_format]
        with export_workspace(self.portal, now=self.now) as workspace:
            path = workspace.path / self.file_name(writer_cls)
            count = self.write_feed(path, writer_cls)
            get_delivery(self.portal).deliver(path)
            workspace.run.listing_count = count
            workspace.run.file_name = path.name
        return workspace.run
