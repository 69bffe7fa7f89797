"""The ``sla-annex`` letter kind (服务水平协议, an annex of the main agreement signed by both
parties): model, figures, rules, template, scaffold.

Registered through the entry point ``sla-annex = "letters.kinds.sla_annex:KIND"`` in
pyproject.toml, exactly as a third party's kind would be.  Its own parts: a definitions section
checked against the terms the body uses (``terms.py``), availability over measurement windows
of actual calendar days, response and repair times per severity, availability credits, and
configurable party labels (服务提供方 / 服务接受方 by default).  Being part of the main agreement,
the annex has no forum of its own: disputes follow the main agreement's clause (rule
``annex-forum``).
"""

from __future__ import annotations

from pathlib import Path

from ...i18n import N_
from ...rules import RuleDoc
from .. import Kind
from .figures import figures
from .model import SlaAnnexSpec
from .rules import RULES

# The shared rules and load problems are documented on the other kinds' starting specs; this
# kind offers no example of its own for them (the first registered kind's example is shown).
EXAMPLES: dict[str, RuleDoc] = {}

KIND = Kind(
    name="sla-annex",
    title=N_("服务水平附件：术语定义、可用性计算、故障响应与修复时限"),
    model=SlaAnnexSpec,
    folder=Path(__file__).resolve().parent,
    figures=figures,
    rules=tuple(RULES),
    examples=EXAMPLES,
    multipliers=frozenset(),
    zero_allowed=frozenset(),
)
