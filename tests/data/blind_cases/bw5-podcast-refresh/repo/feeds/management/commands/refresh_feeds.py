from django.core.management.base import BaseCommand, CommandError

from catalog.models import Podcast
from feeds.jobs import refresh_due_feeds
from feeds.refresh import refresh_podcast


class Command(BaseCommand):
    help = "Refresh feeds now, in this process: given podcasts one by one, or a batch of due feeds."

    def add_arguments(self, parser):
        parser.add_argument("--podcast", type=int, action="append", dest="podcast_ids", metavar="ID")
        parser.add_argument("--all-due", action="store_true", help="refresh a batch of due feeds (like the cron)")
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args, podcast_ids=None, all_due=False, limit=None, **options):
        if not podcast_ids and not all_due:
            raise CommandError("give --podcast ID (repeatable) or --all-due")
        if all_due:
            summary = refresh_due_feeds(limit=limit)
            self.stdout.write(", ".join(f"{key}={value}" for key, value in summary.items()))
            return
        for podcast_id in podcast_ids:
            if not Podcast.objects.filter(pk=podcast_id).exists():
                self.stderr.write(f"podcast {podcast_id}: no such podcast")
                continue
            outcome = refresh_podcast(podcast_id)
            line = f"podcast {podcast_id}: {outcome.outcome}"
            if outcome.new_episodes:
                line += f", {outcome.new_episodes} new episodes"
            if outcome.error:
                line += f" ({outcome.error})"
            self.stdout.write(line)
