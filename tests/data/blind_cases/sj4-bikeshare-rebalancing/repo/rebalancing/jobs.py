"""The background jobs and how often they run (see ``manage.py run_jobs``)."""
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from stations.feed import ingest_station_status, prune_statuses

from .dispatch import assign_tasks, expire_tasks
from .planner import plan_rebalancing


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable
    every: timedelta


JOBS = [
    Job("ingest_status", ingest_station_status, timedelta(minutes=1)),
    Job("plan_rebalancing", plan_rebalancing, timedelta(minutes=5)),
    Job("assign_tasks", assign_tasks, timedelta(minutes=2)),
    Job("expire_tasks", expire_tasks, timedelta(minutes=15)),
    Job("prune_status", prune_statuses, timedelta(days=1)),
]


def by_name(names=None):
    if not names:
        return list(JOBS)
    known = {job.name: job for job in JOBS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise KeyError(", ".join(unknown))
    return [known[n] for n in names]
