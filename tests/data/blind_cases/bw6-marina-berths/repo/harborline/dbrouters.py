"""Database routing.

Everything of the ``berths`` app lives in the ``berths`` database, the rest
(auth, admin, owners) in ``default``. There are no foreign keys between the
two: stays refer to boats by id and keep a copy of the few fields they need.
"""

BERTHS_DB = "berths"
BERTHS_APPS = {"berths"}


class BerthsRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in BERTHS_APPS:
            return BERTHS_DB
        return None

    def db_for_write(self, model, **hints):
        if model._meta.app_label in BERTHS_APPS:
            return BERTHS_DB
        return None

    def allow_relation(self, obj1, obj2, **hints):
        in_berths = {obj._meta.app_label in BERTHS_APPS for obj in (obj1, obj2)}
        return len(in_berths) == 1

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label in BERTHS_APPS:
            return db == BERTHS_DB
        return db == "default"
