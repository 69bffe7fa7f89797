"""Declare the consistency rule of the 保密承诺函: the penalty range is a range."""

from __future__ import annotations

from typing import TYPE_CHECKING

from letters.i18n import N_, _
from letters.rules import Finding, RuleSet, example, money

from .model import ConfidentialitySpec

if TYPE_CHECKING:
    from letters.contract import Contract

RULES = RuleSet("confidentiality")


@RULES.rule(
    "penalty-range",
    "error",
    N_("违约金下限不得高于上限"),
    why=N_("违约金以区间约定时，下限高于上限的区间是空的：无论违约情节如何都无法确定金额，条款形同虚设。"),
    example=example(("  maximum: 500000.00", "  maximum: 5000.00")),
)
def penalty_range(c: Contract) -> Finding:
    m = c.model
    assert isinstance(m, ConfidentialitySpec)
    fig = c.figures  # the printed numbers, not a second computation
    if fig.penalty_minimum > fig.penalty_maximum:
        yield c.finding(("penalty", "minimum"),
            _("违约金下限 {minimum} 高于上限 {maximum}").format(
                minimum=money(fig.penalty_minimum), maximum=money(fig.penalty_maximum)
            ),
            (("penalty", "maximum"),),
        )
