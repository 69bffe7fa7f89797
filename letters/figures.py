"""Compute what letters share in their derived figures; each kind computes its own.

Templates print derived numbers (amounts, caps, deposits, downtime, 大写); they never compute
them.  Each kind's ``figures.py`` computes its figures with exact ``Decimal`` arithmetic on the
spec's own values; rounding to the fen happens only when printing.  The helpers here serve
every kind.
"""

from __future__ import annotations

from decimal import Decimal

HOURS_PER_YEAR = Decimal(8760)  # 365 × 24: the basis of annual availability


def hhmm(t: object) -> str:
    """Return a clock time as 9:00 (no leading zero); None, the end of the day, as 24:00."""
    if t is None:
        return "24:00"
    return f"{t.hour}:{t.minute:02d}"  # type: ignore[attr-defined]
