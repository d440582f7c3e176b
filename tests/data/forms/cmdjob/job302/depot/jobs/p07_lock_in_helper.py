from depot.locking import exclusive_rebuild


def lock_in_helper():
    exclusive_rebuild()
