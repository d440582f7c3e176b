from qc.screening import PickScreener, ScreeningLimits

LIMITS = ScreeningLimits(min_snr=3.0, max_residual_s={"P": 1.5, "S": 3.0}, clip_counts=8_000_000)


def pick(**kw):
    base = {"station_id": "XQ.ALPA", "phase": "P", "snr": 10.0, "residual_s": 0.2, "amplitude": 12000.0}
    return {**base, **kw}


def test_usable_pick_has_no_reasons():
    assert PickScreener(LIMITS).reasons(pick()) == []


def test_each_reason():
    s = PickScreener(LIMITS)
    assert s.reasons(pick(snr=2.2)) == ["low_snr"]
    assert s.reasons(pick(snr=None)) == ["low_snr"]
    assert s.reasons(pick(residual_s=-1.9)) == ["large_residual"]
    assert s.reasons(pick(phase="S", residual_s=2.5)) == []
    assert s.reasons(pick(amplitude=8_388_607.0)) == ["clipped"]


def test_unassociated_pick_has_no_residual_check():
    assert PickScreener(LIMITS).reasons(pick(residual_s=None)) == []


def test_several_reasons_in_order():
    assert PickScreener(LIMITS).reasons(pick(snr=1.0, amplitude=-8_388_608.0, residual_s=4.0)) == [
        "low_snr", "large_residual", "clipped"]


def test_usable_filters_dataframe(spark, picks_path):
    from qc.picks import load_picks

    picks = load_picks(spark, picks_path)
    usable = {r["pick_id"] for r in PickScreener(LIMITS).usable(picks).collect()}
    assert len(usable) == 8
