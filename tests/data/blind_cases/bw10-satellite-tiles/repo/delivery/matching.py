from imagery.grid import bboxes_intersect

from .models import Subscription


def matching_subscriptions(scene):
    """Active subscriptions whose area and filters accept the scene."""
    if scene.cloud_cover is None:
        return []
    matches = []
    for sub in Subscription.objects.filter(active=True, max_cloud_cover__gte=scene.cloud_cover).order_by("pk"):
        platforms = sub.platform_list()
        if platforms and scene.platform not in platforms:
            continue
        if bboxes_intersect(sub.bbox, scene.bbox):
            matches.append(sub)
    return matches
