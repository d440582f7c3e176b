import logging

logger = logging.getLogger(__name__)


def publish(task, *args, countdown=0):
    """Send any task with the shop's routing defaults."""
    logger.info("publishing %s", task.name)
    return task.apply_async(args=args, countdown=countdown, queue="shop")
