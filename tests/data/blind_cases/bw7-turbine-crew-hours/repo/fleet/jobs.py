"""RQ jobs fed by the SCADA gateway."""
import logging
from decimal import Decimal, InvalidOperation

from .models import Turbine

logger = logging.getLogger(__name__)


def ingest_scada_counters(site_code, counters):
    """Apply operating-hour deltas reported by the SCADA gateway.

    ``counters`` maps turbine tags to the hours run since the previous batch,
    e.g. ``{"T01": "0.5", "T02": "0.5"}``. The gateway sends a batch every 30
    minutes per site and retries on timeouts, so batches for the same turbine
    can be processed by two workers at the same time.
    """
    applied = 0
    turbines = {t.tag: t for t in Turbine.objects.filter(site__code=site_code, tag__in=list(counters))}
    for tag, raw in counters.items():
        turbine = turbines.get(tag)
        if turbine is None:
            logger.warning("scada: unknown turbine %s/%s, skipped", site_code, tag)
            continue
        try:
            delta = Decimal(str(raw))
        except InvalidOperation:
            logger.warning("scada: bad counter %r for %s/%s", raw, site_code, tag)
            continue
        if delta <= 0:
            continue
        turbine.add_operating_hours(delta)
        applied += 1
    logger.info("scada: %s counters applied for %s", applied, site_code)
    return applied
