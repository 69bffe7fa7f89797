"""The ``conduct`` letter kind (服务行为规范承诺书): model, figures, rules, template, scaffold.

A unilateral undertaking of the provider towards the client: what it will never do (禁止行为),
what it must always do (承诺方的义务), how it checks itself (监督检查), and the 违约金 range of each
breach, which refers to those items by id.  Registered through the entry point
``conduct = "letters.kinds.conduct:KIND"`` in pyproject.toml, exactly as a third party's kind
would be.
"""

from __future__ import annotations

from pathlib import Path

from ...i18n import N_
from ...rules import RuleDoc
from .. import Kind
from .figures import figures
from .model import ConductSpec
from .rules import RULES

# The shared rules are documented on the other kinds' starting specs; this kind offers none of
# its own, so ``letters rules CODE`` keeps showing the same examples.
EXAMPLES: dict[str, RuleDoc] = {}

KIND = Kind(
    name="conduct",
    title=N_("服务行为规范承诺书：禁止行为、承诺方的义务、监督检查与违约金区间"),
    model=ConductSpec,
    folder=Path(__file__).resolve().parent,
    figures=figures,
    rules=tuple(RULES),
    examples=EXAMPLES,
    multipliers=frozenset(),
    zero_allowed=frozenset(),
)
