from depot.snapshots import snapshot_stats


def sqlite_via_helper():
    snapshot_stats()
