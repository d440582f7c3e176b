"""Start an RQ worker with Django set up: ``python -m cruxgym.worker nightly default``."""
import os
import sys


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cruxgym.settings")
    import django

    django.setup()

    from rq import Worker

    from cruxgym.queues import get_connection, get_queue

    names = argv or ["default"]
    worker = Worker([get_queue(name) for name in names], connection=get_connection())
    worker.work(with_scheduler=False)


if __name__ == "__main__":
    main(sys.argv[1:])
