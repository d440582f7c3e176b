from django.conf import settings


def season_paths(up_to_year):
    """(RingBase files, app folders) holding every season from FIRST_SEASON up to ``up_to_year``."""
    cfg = settings.SURVEYS
    lake, last_legacy = cfg["LAKE_ROOT"], cfg["LAST_LEGACY_SEASON"]
    years = range(cfg["FIRST_SEASON"], up_to_year + 1)
    legacy = [f"{lake}/legacy/{y}.csv" for y in years if y <= last_legacy]
    app = [f"{lake}/app/{y}" for y in years if y > last_legacy]
    return legacy, app


def effort_paths(year):
    cfg = settings.SURVEYS
    if year <= cfg["LAST_LEGACY_SEASON"]:
        return [f"{cfg['LAKE_ROOT']}/legacy_effort/{year}.csv"], []
    return [], [f"{cfg['LAKE_ROOT']}/app_effort/{year}"]
