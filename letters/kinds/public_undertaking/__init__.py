"""The ``public-undertaking`` letter kind (公开承诺书): model, figures, rules, template, scaffold.

A unilateral undertaking addressed to users, a regulator or the public: availability with its
downtime budget over the actual days of the period, major-fault response and reporting,
complaint handling, a responsible department and what is disclosed where and how often.  No
counterparty signs it.  Registered through the entry point
``public-undertaking = "letters.kinds.public_undertaking:KIND"`` in pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

from ...i18n import N_
from ...rules import RuleDoc
from .. import Kind
from .figures import figures
from .model import PublicSpec
from .rules import RULES

# No examples of shared rules here: the first registered kind that offers one is shown, and the
# built-in kinds' examples stay the documented ones (``letters rules one-sided-binding``).
EXAMPLES: dict[str, RuleDoc] = {}

KIND = Kind(
    name="public-undertaking",
    title=N_("公开承诺书：向用户或监管机构承诺可用性、重大故障处置、投诉答复与信息公开"),
    model=PublicSpec,
    folder=Path(__file__).resolve().parent,
    figures=figures,
    rules=tuple(RULES),
    examples=EXAMPLES,
    multipliers=frozenset(),
    zero_allowed=frozenset(),
)
