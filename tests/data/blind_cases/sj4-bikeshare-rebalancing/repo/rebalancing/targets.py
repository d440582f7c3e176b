"""Fill targets per station, as set by ops in the admin (Station.min_bikes / max_bikes), with temporary
TargetOverrides for events taking precedence during their hours."""
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from stations.models import Station, TargetOverride


@dataclass(frozen=True)
class Target:
    min_bikes: int
    max_bikes: int

    @property
    def fill_to(self):
        """Where a van should bring the station: the middle of the band."""
        return (self.min_bikes + self.max_bikes) // 2


class StationTargets:
    """The targets the planner works with during one planning run.

    Loading them means a query over every station and every override, and they only change a few times a
    season, so the table is kept for the life of the process.
    """

    _table = {}

    def __init__(self, now=None):
        self.local_now = timezone.localtime(now or timezone.now())
        if not StationTargets._table:
            StationTargets._table.update(self._load())
        self._by_station = StationTargets._table

    @staticmethod
    def _load():
        overrides = defaultdict(list)
        for override in TargetOverride.objects.all():
            overrides[override.station_id].append(override)
        return {
            station.pk: (Target(station.min_bikes, station.max_bikes), overrides.get(station.pk, []))
            for station in Station.objects.filter(active=True)
        }

    def for_station(self, station_id):
        """The target in force now, or None for a station without one."""
        entry = self._by_station.get(station_id)
        if entry is None:
            return None
        base, overrides = entry
        for override in overrides:
            if override.applies(self.local_now):
                return Target(override.min_bikes, override.max_bikes)
        return base

    def __len__(self):
        return len(self._by_station)
