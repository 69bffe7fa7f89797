"""The ``quality-standard`` letter kind (质量标准承诺书): model, figures, rules, template, scaffold.

Registered through the entry point ``quality-standard = "letters.kinds.quality_standard:KIND"`` in
pyproject.toml, exactly as a third party's kind would be.
"""

from __future__ import annotations

from pathlib import Path

from ...i18n import N_
from .. import Kind
from .figures import figures
from .model import QualityStandardSpec
from .rules import RULES

KIND = Kind(
    name="quality-standard",
    title=N_("质量标准承诺书：质量指标与所依据的国家标准、定期自查、限期整改与有效期"),
    model=QualityStandardSpec,
    folder=Path(__file__).resolve().parent,
    figures=figures,
    rules=tuple(RULES),
    examples={},
    multipliers=frozenset(),
    zero_allowed=frozenset(),
)
