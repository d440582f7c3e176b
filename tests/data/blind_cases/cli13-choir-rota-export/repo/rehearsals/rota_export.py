"""Monthly rota export: one CSV per section for the section leaders.

Used by ``scripts/export_rota.py``. The layout of the files is agreed with the
section leaders, so change it only after asking them: a few preamble lines
(rendered from the header template), a blank line, then one row per rehearsal.
"""
import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from members.models import Section, Singer, section_leader

from .models import Attendance, RotaDuty
from .rota import rehearsals_in

COLUMNS = ["Date", "Start", "End", "Venue", "Rehearsal", "Duties", "Apologies", "Notes"]


@dataclass(frozen=True)
class RotaPaths:
    header_template: Path
    month_dir: Path

    def section_file(self, month, section):
        slug = Section(section).label.lower()
        return self.month_dir / f"rota-{month:%Y-%m}-{slug}.csv"


def rota_paths(month, output_dir=None):
    """Where the header template is read from and where this month's files go.

    ``output_dir`` (the script's --output-dir) overrides ROTA_EXPORT["OUTPUT_DIR"].
    Files go into a ``YYYY-MM`` folder below it.
    """
    conf = settings.ROTA_EXPORT
    header_template = Path(conf["HEADER_TEMPLATE"])
    base = Path(output_dir) if output_dir else Path(conf["OUTPUT_DIR"])
    return RotaPaths(header_template=header_template, month_dir=base / f"{month:%Y-%m}")


def render_header(template_text, month, section, exported_at=None):
    leader = section_leader(section)
    exported_at = timezone.localtime(exported_at or timezone.now())
    text = template_text.format(
        choir=settings.CHOIR_NAME,
        month_name=f"{month:%B %Y}",
        section_name=Section(section).label,
        leader=leader.full_name if leader else "(vacant)",
        exported=f"{exported_at:%d %b %Y %H:%M}",
    )
    return [line.rstrip() for line in text.strip().splitlines()]


def build_section_rows(month, section):
    """One row per rehearsal: duties and apologies of this section's singers only."""
    singers = {s.pk: s for s in Singer.objects.filter(section=section, active=True)}
    rows = []
    for rehearsal in rehearsals_in(month).prefetch_related("duties"):
        if rehearsal.kind == rehearsal.Kind.SECTIONAL and rehearsal.section not in ("", section):
            continue
        start = timezone.localtime(rehearsal.starts_at)
        end = timezone.localtime(rehearsal.ends_at)
        duties = [f"{duty.get_duty_display()}: {singers[duty.singer_id].full_name}"
                  for duty in sorted(rehearsal.duties.all(), key=lambda d: d.duty)
                  if duty.singer_id in singers]
        apologies = sorted(
            singers[singer_id].full_name
            for singer_id in rehearsal.attendance.filter(status=Attendance.Status.APOLOGIES)
            .values_list("singer_id", flat=True)
            if singer_id in singers
        )
        rows.append([
            f"{start:%a %d %b}", f"{start:%H:%M}", f"{end:%H:%M}", rehearsal.venue,
            rehearsal.get_kind_display(), "; ".join(duties), "; ".join(apologies), rehearsal.notes,
        ])
    return rows


def write_section_file(path, preamble, rows, delimiter=","):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".csv.part")
    with tmp.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        for line in preamble:
            writer.writerow([line])
        writer.writerow([])
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    tmp.replace(path)
    return path


def export_month(month, output_dir=None, sections=None, exported_at=None):
    """Write the month's rota files; returns the list of paths written."""
    paths = rota_paths(month, output_dir)
    template_text = paths.header_template.read_text(encoding="utf-8")
    delimiter = settings.ROTA_EXPORT.get("DELIMITER", ",")
    written = []
    for section in sections or Section.values:
        preamble = render_header(template_text, month, section, exported_at)
        rows = build_section_rows(month, section)
        written.append(write_section_file(paths.section_file(month, section), preamble, rows, delimiter))
    return written
