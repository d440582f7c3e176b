from pings.models import Check, Ping


def all_checks():
    return Check.objects.all()


def old_pings(cutoff):
    return Ping.objects.filter(created__lt=cutoff).select_related("check")


def pings_with_body(cutoff):
    return Ping.objects.filter(created__lt=cutoff).exclude(body="").select_related("check")
