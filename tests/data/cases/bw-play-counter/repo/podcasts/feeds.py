from django.utils.feedgenerator import Rss201rev2Feed

from .models import Episode, Show


def build_feed(show_slug, base_url):
    show = Show.objects.get(slug=show_slug)
    feed = Rss201rev2Feed(title=show.title, link=f"{base_url}/{show.slug}/", description=show.title)
    for ep in show.episodes.order_by("-published_at"):
        feed.add_item(title=ep.title, link=f"{base_url}/{show.slug}/{ep.number}/", description=ep.title,
                      pubdate=ep.published_at, enclosures=[])
    return feed.writeString("utf-8")


def top_episodes(limit=10):
    return list(Episode.objects.select_related("show").order_by("-play_count")[:limit])
