"""Attendance figures for the committee and the section leaders."""
from collections import defaultdict
from dataclasses import dataclass, field

from members.models import Section, Singer

from .models import Attendance


@dataclass
class SingerRecord:
    singer: Singer
    present: int = 0
    apologies: int = 0
    absent: int = 0

    @property
    def marked(self):
        return self.present + self.apologies + self.absent

    @property
    def rate(self):
        return self.present / self.marked if self.marked else None


@dataclass
class SectionSummary:
    section: str
    records: list = field(default_factory=list)

    @property
    def label(self):
        return Section(self.section).label

    @property
    def rate(self):
        present = sum(r.present for r in self.records)
        marked = sum(r.marked for r in self.records)
        return present / marked if marked else None

    def missing_without_apologies(self, at_least=2):
        return [r for r in self.records if r.absent >= at_least]


def summarise(rehearsals):
    """Per-section attendance for the given rehearsals (a queryset or list)."""
    records = {s.pk: SingerRecord(s) for s in Singer.objects.filter(active=True)}
    marks = Attendance.objects.filter(rehearsal__in=list(rehearsals)).values_list("singer_id", "status")
    for singer_id, status in marks:
        record = records.get(singer_id)
        if record is None:
            continue
        setattr(record, status, getattr(record, status) + 1)
    sections = defaultdict(list)
    for record in records.values():
        sections[record.singer.section].append(record)
    return [SectionSummary(code, sorted(sections.get(code, []), key=lambda r: r.singer.last_name))
            for code in Section.values]


def percent(rate):
    return "-" if rate is None else f"{rate * 100:.0f}%"
