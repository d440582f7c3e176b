from ops.models import Target


class Routing:
    """Order routing table: target code -> URL."""

    table = None

    @classmethod
    def url_for(cls, code):
        if cls.table is None:
            cls.table = dict(Target.objects.values_list("code", "url"))
        return cls.table.get(code)
