"""The ``continuity`` letter kind (服务水平连续性保证承诺书): model, figures, rules, template, scaffold.

Registered through the entry point ``continuity = "letters.kinds.continuity:KIND"`` in pyproject.toml,
exactly as a third party's kind would be.
"""

from __future__ import annotations

from pathlib import Path

from ...i18n import N_
from ...rules import example
from .. import Kind
from .figures import figures
from .model import ContinuitySpec
from .rules import RULES

# Worked examples, on this kind's starting spec, of the shared rules and of the problems of
# reading a spec or a client table (``letters rules CODE`` shows them).
EXAMPLES = {
    "positive": example(("start: 30min", "start: 0min")),
    "dispute-bands": example(
        ("  - forum: 杭州仲裁委员会", "  - up_to: 50000\n    forum: 杭州仲裁委员会")
    ),
    "forum-arbitration-body": example(
        ("  - forum: 杭州仲裁委员会", "  - forum: 提交双方共同认可的第三方仲裁机构")
    ),
    "forum-internal-body": example(
        ("  - forum: 杭州仲裁委员会", "  - forum: 由双方项目负责人组成仲裁组裁决")
    ),
    "forum-court-venue": example(
        ("  - forum: 杭州仲裁委员会", "  - forum: 向服务所在地人民法院提起诉讼")
    ),
    "forum-either": example(
        (
            "  - forum: 杭州仲裁委员会",
            "  - forum: 提交杭州仲裁委员会仲裁或者向被告住所地人民法院起诉",
        )
    ),
    "forum-amount-bands": example(
        (
            "  - forum: 杭州仲裁委员会",
            "  - up_to: 100000\n    forum: 由双方项目负责人协商解决\n  - forum: 杭州仲裁委员会",
        )
    ),
}

KIND = Kind(
    name="continuity",
    title=N_("服务水平连续性保证承诺书：可用性、故障恢复、人员配置与违约责任"),
    model=ContinuitySpec,
    folder=Path(__file__).resolve().parent,
    figures=figures,
    rules=tuple(RULES),
    examples=EXAMPLES,
    multipliers=frozenset(),
    zero_allowed=frozenset({"technical", "operations", "support"}),
)
