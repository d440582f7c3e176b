"""UTC in the job rules: is an expression the UTC zone, and the project's local zone when it is not UTC
(JOB401, JOB403)."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rootfix.rules.job._common import use_tz

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex


UTC_NAMES = frozenset({
    "datetime.timezone.utc", "datetime.UTC", "django.utils.timezone.utc", "pytz.utc", "pytz.UTC",
})


def _is_utc(index: "RepoIndex", module: "ModuleInfo", node: ast.expr) -> bool:
    dotted = index.resolve(module, node) or ""
    if dotted in UTC_NAMES:
        return True
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        target = index.resolve(module, node.func) or ""
        return target in ("zoneinfo.ZoneInfo", "pytz.timezone") and str(node.args[0].value).upper() in ("UTC", "ETC/UTC")
    return False


def local_project_timezone(settings: dict[str, object], index: "RepoIndex | None" = None) -> str | None:
    """TIME_ZONE when the project stores aware datetimes (:func:`use_tz`) and its local zone is not UTC."""
    tz = settings.get("TIME_ZONE")
    on = use_tz(index, settings) if index is not None else settings.get("USE_TZ") is True
    if on and isinstance(tz, str) and tz.upper() not in ("UTC", "ETC/UTC", "GMT"):
        return tz
    return None
