from depot.locking import with_stats_lock


def lock_in_helper():
    with_stats_lock()
