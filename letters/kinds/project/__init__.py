"""The ``project`` letter kind (项目服务水平连续性承诺书): model, figures, rules, template, scaffold.

A project letter follows one project through 前期准备, 实施过程 and 后期评估: dated gates,
必须 and 严禁 duties, incident times, drills every so many days (the drill dates are
computed), and the evaluation deadline after the project ends (its date is computed).
Registered through the entry point ``project = "letters.kinds.project:KIND"`` in
pyproject.toml, exactly as a third party's kind would be.
"""

from __future__ import annotations

from pathlib import Path

from ...i18n import N_
from ...rules import example
from .. import Kind
from .figures import figures
from .model import ProjectSpec
from .rules import RULES

# Worked examples, on this kind's starting spec, of shared rules (``letters rules CODE`` shows
# the first registered kind's; tests/test_kind_project.py verifies these too).
EXAMPLES = {
    "positive": example(("  response: 1h", "  response: 0h")),
}

KIND = Kind(
    name="project",
    title=N_(
        "项目服务水平连续性承诺书：前期准备、实施过程与后期评估的节点、必须与严禁事项、应急演练与评估期限"
    ),
    model=ProjectSpec,
    folder=Path(__file__).resolve().parent,
    figures=figures,
    rules=tuple(RULES),
    examples=EXAMPLES,
    multipliers=frozenset(),
    zero_allowed=frozenset(),
)
