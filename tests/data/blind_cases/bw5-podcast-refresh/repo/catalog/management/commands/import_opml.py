import xml.etree.ElementTree as ET

from django.core.management.base import BaseCommand, CommandError

from catalog.models import Category, Podcast
from feeds.refresh import refresh_many


class Command(BaseCommand):
    help = "Add the feeds listed in an OPML file (e.g. an export from a podcast app) and fetch them."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--category", help="slug of a category to put the new podcasts in")
        parser.add_argument("--no-refresh", action="store_true", help="only create the podcasts")

    def handle(self, *args, path, category=None, no_refresh=False, **options):
        try:
            tree = ET.parse(path)
        except (OSError, ET.ParseError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        cat = None
        if category:
            cat = Category.objects.filter(slug=category).first()
            if cat is None:
                raise CommandError(f"unknown category {category!r}")
        created = []
        for outline in tree.iter("outline"):
            url = (outline.get("xmlUrl") or "").strip()
            if not url.startswith(("http://", "https://")):
                continue
            podcast, is_new = Podcast.objects.get_or_create(
                feed_url=url, defaults={"title": (outline.get("title") or outline.get("text") or "")[:300]}
            )
            if cat:
                podcast.categories.add(cat)
            if is_new:
                created.append(podcast.pk)
        self.stdout.write(f"{len(created)} new podcasts")
        if created and not no_refresh:
            summary = refresh_many(created)
            self.stdout.write(f"fetched: {summary['updated']} ok, {summary['error']} failed, "
                              f"{summary['new_episodes']} episodes")
