from django_rq import job

from pings.models import Ping


@job("low")
def reindex():
    for ping in Ping.objects.all().iterator(chunk_size=2000):
        ping.save()
