"""The ``sla-response`` letter kind (服务响应时间承诺函): model, figures, rules, template, scaffold.

Registered through the entry point ``sla-response = "letters.kinds.sla_response:KIND"`` in pyproject.toml,
exactly as a third party's kind would be.
"""

from __future__ import annotations

from pathlib import Path

from ...i18n import N_
from ...rules import example, table_example
from .. import Kind
from .figures import figures
from .model import SlaSpec
from .rules import RULES

# Worked examples, on this kind's starting spec, of the shared rules and of the problems of
# reading a spec or a client table (``letters rules CODE`` shows them).
EXAMPLES = {
    "percent-range": example(("deposit: 5%", "deposit: 105%")),
    "credit-code": example(("credit_code: 91110000EXAMPLE01J", "credit_code: 91110000EXAMPLE01K")),
    "date-order": example(("expires: 2027-12-31", "expires: 2026-12-31")),
    "letter-date": example(("date: 2026-12-01", "date: 2027-02-01")),
    "signatories": example(("    name: 张三", "    name: 张山")),
    "one-sided-binding": example(
        (
            "# disputes:                        # 争议解决（可选）；不写则依主协议约定的方式解决。\n#   - forum: 杭州仲裁委员会",
            "disputes:\n  - forum: 杭州仲裁委员会",
        )
    ),
    "annexes-unique": example(("  - 值班排班表", "  - 服务响应时效计算细则")),
    "script-mismatch": example(
        ("scenarios: [需求咨询, 操作指导]", "scenarios: [需求諮詢, 操作指導]")
    ),
    "control-character": example(("  contact: 李四", '  contact: "李四\\a"')),
    "yaml-syntax": example(('start: "09:00"', 'start: "09:00')),
    "duplicate-key": example(('  end: "18:00"', '  end: "18:00"\n  end: "17:30"')),
    "yaml-key": example(("  contact: 李四", "  [contact, phone]: 李四")),
    "yaml-merge-key": example(
        ("provider:  ", "provider: &provider"),
        ("  name: 示例银行股份有限公司", "  <<: *provider\n  name: 示例银行股份有限公司"),
    ),
    "yaml-tag": example(("  name: 示例信息技术有限公司", "  name: !env PROVIDER_NAME")),
    "unknown-template": example(("\ntemplate: sla-response", "\ntemplate: sla-respones")),
    "unknown-field": example(("penalty_per_hour: 0.3%", "penalty_per_hr: 0.3%")),
    "missing-field": example(("  number: HT-2026-0001", "  # number: HT-2026-0001")),
    "missing-value": example(("  name: 示例银行股份有限公司", "  name:")),
    "wrong-type": example(("scenarios: [系统报错, 接口异常]", "scenarios: 系统报错")),
    "invalid-value": example(("response: 30min", "response: 30 minutes")),
    "invalid-choice": example(("coverage: business_hours", "coverage: workdays")),
    "extends": example(("# extends: base.yaml", "extends: base.yaml")),
    "unknown-column": table_example(
        "client.name,agreement.totl\n甲有限公司,560000.00\n",
        "client.name,agreement.total\n甲有限公司,560000.00\n",
    ),
    "duplicate-column": table_example(
        "client.name,client.name\n甲有限公司,金融\n",
        "client.name,client.industry\n甲有限公司,金融\n",
    ),
    "missing-item": table_example(
        "client.name,tiers[3].name\n甲有限公司,特级服务\n",
        "client.name,tiers[2].name\n甲有限公司,特级服务\n",
    ),
    "duplicate-letter-number": table_example(
        "client.name,letter.number\n甲有限公司,SL-2027-0001\n乙有限公司,SL-2027-0001\n",
        "client.name,letter.number\n甲有限公司,SL-2027-0001\n乙有限公司,SL-2027-0002\n",
    ),
}

KIND = Kind(
    name="sla-response",
    title=N_("服务响应时间承诺函：分级响应时效、超时违约金、退出机制与争议分级"),
    model=SlaSpec,
    folder=Path(__file__).resolve().parent,
    figures=figures,
    rules=tuple(RULES),
    examples=EXAMPLES,
    multipliers=frozenset({"adjustments"}),
    zero_allowed=frozenset(),
)
