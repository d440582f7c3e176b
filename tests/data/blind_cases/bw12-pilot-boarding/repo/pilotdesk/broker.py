"""Dramatiq broker setup.

Imported by every module that declares actors (before the ``@dramatiq.actor``
decorators run), so the actors bind to this broker and not to dramatiq's
default RabbitMQ one.
"""
import dramatiq
from django.conf import settings
from django.db import close_old_connections
from dramatiq.middleware import Middleware


class DjangoConnections(Middleware):
    """Worker threads are long lived: drop stale DB connections around each message."""

    def before_process_message(self, broker, message):
        close_old_connections()

    def after_process_message(self, broker, message, *, result=None, exception=None):
        close_old_connections()

    after_skip_message = after_process_message


def _make_broker():
    if settings.DRAMATIQ_BROKER == "stub":
        from dramatiq.brokers.stub import StubBroker

        broker = StubBroker()
    else:
        from dramatiq.brokers.redis import RedisBroker

        broker = RedisBroker(url=settings.DRAMATIQ_REDIS_URL)
    broker.add_middleware(DjangoConnections())
    return broker


broker = _make_broker()
dramatiq.set_broker(broker)
