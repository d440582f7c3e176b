"""Reports: ``summary.md``, ``report.json``, ``fix.diff``, new tests, and the live progress display."""
from __future__ import annotations

from rootfix.report.json_report import to_report_json
from rootfix.report.summary import render_summary
from rootfix.report.writer import write_outputs

__all__ = ["render_summary", "to_report_json", "write_outputs"]
