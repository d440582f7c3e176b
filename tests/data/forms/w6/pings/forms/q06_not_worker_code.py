from pings.models import Check


def admin_export():
    return [c.name for c in Check.objects.all()]
