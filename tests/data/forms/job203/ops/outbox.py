from ops.models import Outbox


def send(channel, body):
    Outbox.objects.create(channel=channel, body=str(body))
