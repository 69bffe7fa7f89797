"""The ``confidentiality`` letter kind (保密承诺函), added to letters from outside.

Everything of the kind is in this folder: its model, its derived figures, its rule, its
template and the starting spec ``letters new confidentiality`` writes.  The entry point in
pyproject.toml registers it; nothing in ``letters`` names it.
"""

from __future__ import annotations

from pathlib import Path

from letters.i18n import N_
from letters.kinds import Kind

from .figures import figures
from .model import ConfidentialitySpec
from .rules import RULES

KIND = Kind(
    name="confidentiality",
    title=N_("保密承诺函：保密信息范围、保密期限与违约金区间"),
    model=ConfidentialitySpec,
    folder=Path(__file__).resolve().parent,
    figures=figures,
    rules=tuple(RULES),
)
