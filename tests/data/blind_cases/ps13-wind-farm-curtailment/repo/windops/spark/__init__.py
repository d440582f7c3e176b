"""Nightly PySpark jobs over the SCADA exports.

Job classes do their Django queries on the driver; everything that runs on the executors must be
importable and unpicklable without Django being set up.
"""
from .availability import AvailabilityJob
from .curtailment import CurtailmentJob

JOBS = {job.name: job for job in (CurtailmentJob, AvailabilityJob)}

__all__ = ["JOBS", "AvailabilityJob", "CurtailmentJob"]
