from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST

from charts.models import ChartEntry
from feeds.jobs import refresh_feed
from podhub.rq import enqueue

from .models import Category, Podcast


def _podcast_json(podcast):
    return {
        "slug": podcast.slug,
        "title": podcast.title,
        "author": podcast.author,
        "feed_url": podcast.feed_url,
        "image": podcast.artwork_path or podcast.image_url,
        "categories": [c.slug for c in podcast.categories.all()],
    }


@require_GET
def search(request):
    q = request.GET.get("q", "").strip()
    podcasts = Podcast.objects.filter(is_active=True).prefetch_related("categories")
    if q:
        podcasts = podcasts.filter(title__icontains=q) | podcasts.filter(author__icontains=q)
    return JsonResponse({"results": [_podcast_json(p) for p in podcasts[:50]]})


@require_GET
def podcast_detail(request, slug):
    podcast = get_object_or_404(Podcast.objects.prefetch_related("categories"), slug=slug)
    data = _podcast_json(podcast)
    data["episodes"] = [
        {
            "title": e.title,
            "audio_url": e.audio_url,
            "duration": e.duration_seconds,
            "published": e.published_at.isoformat() if e.published_at else None,
        }
        for e in podcast.episodes.all()[:20]
    ]
    return JsonResponse(data)


@staff_member_required
@require_POST
def refresh_now(request, slug):
    podcast = get_object_or_404(Podcast, slug=slug)
    enqueue("feeds", refresh_feed, podcast.pk)
    return JsonResponse({"queued": podcast.slug}, status=202)


@require_GET
def chart(request, category):
    category = get_object_or_404(Category, slug=category)
    latest = ChartEntry.objects.filter(category=category).order_by("-week").values_list("week", flat=True).first()
    entries = ChartEntry.objects.filter(category=category, week=latest).select_related("podcast")
    return JsonResponse({
        "category": category.slug,
        "week": latest.isoformat() if latest else None,
        "entries": [{"rank": e.rank, "podcast": e.podcast.slug, "downloads": e.downloads} for e in entries],
    })
