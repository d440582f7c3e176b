COLLECTIONS_DB = "collections"
ROUTED_APPS = {"collection", "digitisation"}


class CollectionsRouter:
    """Catalogue and digitisation data live in the archive's collections database."""

    def db_for_read(self, model, **hints):
        if model._meta.app_label in ROUTED_APPS:
            return COLLECTIONS_DB
        return None

    def db_for_write(self, model, **hints):
        if model._meta.app_label in ROUTED_APPS:
            return COLLECTIONS_DB
        return None

    def allow_relation(self, obj1, obj2, **hints):
        a = obj1._meta.app_label in ROUTED_APPS
        b = obj2._meta.app_label in ROUTED_APPS
        return a == b

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label in ROUTED_APPS:
            return db == COLLECTIONS_DB
        return db == "default"
