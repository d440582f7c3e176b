"""Stage 5: rank suspect functions, each with its evidence (see :mod:`rootfix.localize.rank`)."""
from rootfix.localize.rank import rank_suspects

__all__ = ["rank_suspects"]
