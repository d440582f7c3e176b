"""rootfix: reproduce, localize, fix and validate bugs in Django-integrated workers, commands, jobs and Spark jobs."""

__version__ = "0.1.0"
