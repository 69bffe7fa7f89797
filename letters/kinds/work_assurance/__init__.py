"""The ``work-assurance`` letter kind (工作保障承诺书): model, figures, rules, template, scaffold.

A unilateral undertaking of the measures that keep a piece of work running through an assurance
period (organisation, duty, checks, drills and tests, recovery times, resources, supervision),
addressed to a unit that neither signs nor owes anything; no fees, no penalties.  Registered
through the entry point ``work-assurance = "letters.kinds.work_assurance:KIND"`` in
pyproject.toml, exactly as a third party's kind would be.
"""

from __future__ import annotations

from pathlib import Path

from ...i18n import N_
from .. import Kind
from .figures import figures
from .model import WorkAssuranceSpec
from .rules import RULES

# The shared rules and load problems are documented on the older kinds' starting specs.
EXAMPLES: dict = {}

KIND = Kind(
    name="work-assurance",
    title=N_("工作保障承诺书：组织分工、值班检查、演练测试、故障恢复与监督改进"),
    model=WorkAssuranceSpec,
    folder=Path(__file__).resolve().parent,
    figures=figures,
    rules=tuple(RULES),
    examples=EXAMPLES,
    multipliers=frozenset(),
    zero_allowed=frozenset(),
)
