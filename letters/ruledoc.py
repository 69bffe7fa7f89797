"""Document every finding code: why it matters, and a verified failing and passing example.

Each consistency rule of :data:`letters.checks.RULES`, each load-problem code and each code of
``letters batch`` and ``letters build`` (:data:`BATCH_CODES`) has a :class:`RuleDoc`.  An example
is a text mutation of a base spec (the scaffold of a letter kind, :mod:`letters.scaffold`):
``letters rules CODE`` applies it, loads and checks the result and prints the YAML lines before
and after with the finding it produces, so an example can never drift from what ``letters
check`` really does (the tests apply every mutation and assert that the rule fires on it and
not on the unmutated base).  A batch code's example is a client table instead, run as a batch
over the scaffold (nothing is written) in the same way.

Every code the program can emit is documented here; ``tests/test_codes.py`` collects the codes
from the source and holds it to that.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, SpecError, dotted
from .i18n import N_

Change = tuple[str, str]
BOTH = ("sla-response", "continuity")


@dataclass(frozen=True)
class RuleDoc:
    """Describe one finding code: why it matters and an optional example mutation.

    *base* names the scaffold the example starts from; each of *changes* replaces text that
    occurs exactly once in it.  *severity* is the severity of the example's finding when it
    differs from the rule's (a rule that warns in some cases and errs in others).  *why* is a
    message id (the Chinese text): show it with :func:`letters.i18n._`.
    """

    why: str
    base: str | None = None
    changes: tuple[Change, ...] = ()
    severity: str | None = None
    table: tuple[str, str] | None = None  # (failing, passing) client table over the base


@dataclass(frozen=True)
class LoadCode:
    """Describe a code reported while a spec is read or modelled (not a consistency rule).

    *summary* is a message id (the Chinese text): show it with :func:`letters.i18n._`.
    """

    summary: str
    doc: RuleDoc
    templates: tuple[str, ...] = field(default=BOTH)
    severity: str = "error"


S, C = "sla-response", "continuity"

RULE_DOCS: dict[str, RuleDoc] = {
    "percent-range": RuleDoc(
        N_("占比、费率、可用性都是“整体的一部分”，超过 100% 或为负在法律文书里没有意义，"
           "通常是把 0.5% 写成了 50%，或多打了一位数。时效调整（adjustments）是标准时效的倍率，可以超过 100%。"),
        S, (("deposit: 5%", "deposit: 105%"),),
    ),
    "positive": RuleDoc(
        N_("为零的时长、次数或金额会让承诺落空：“0分钟内恢复”无法履行，“补偿 0 元”等于没有补偿。"),
        C, (("start: 30min", "start: 0min"),),
    ),
    "credit-code": RuleDoc(
        N_("统一社会信用代码是识别当事人的唯一依据。最后一位是校验位，抄错任何一位几乎都会让它对不上；"
           "代码错了，承诺函可能指向另一家单位，或被认为当事人不明确。"),
        S, (("credit_code: 91110000EXAMPLE01J", "credit_code: 91110000EXAMPLE01K"),),
    ),
    "party-details": RuleDoc(
        N_("连续性保证承诺书由双方具名签署，接收方的统一社会信用代码、法定代表人和住所是确定合同主体、"
           "送达文书和日后主张权利的基础。"),
        C, (("  address: 浙江省杭州市示例大道100号", "  # address: 浙江省杭州市示例大道100号"),),
    ),
    "date-order": RuleDoc(
        N_("协议终止日早于生效日，或承诺函在协议终止后才出具，承诺就没有可以履行的期间，通常是年份写错了。"),
        S, (("expires: 2027-12-31", "expires: 2026-12-31"),),
    ),
    "letter-date": RuleDoc(
        N_("承诺函一般在主协议生效前或生效当日出具；晚于生效日出具时，生效日到出具日之间是否适用承诺容易引起争议，"
           "需要确认是否有意追溯。"),
        S, (("date: 2026-12-01", "date: 2027-02-01"),),
    ),
    "phase-order": RuleDoc(
        N_("实施计划的各阶段应依次完成；截止日期倒序、早于出具日期或晚于协议终止日的阶段无法按约履行。"),
        C, (("until: 2027-06-30", "until: 2027-02-28"),),
    ),
    "signatories": RuleDoc(
        N_("没有承诺方签署人的承诺函不生效；以“法定代表人”身份签署的人必须就是登记的法定代表人，"
           "否则签署权限存疑；同一方的同一职务出现两次多半是复制粘贴的错误。"),
        S, (("    name: 张三", "    name: 张山"),),
    ),
    "dispute-bands": RuleDoc(
        N_("争议按金额分档时，各档上限必须严格递增，且只有最后一档不设上限；否则有的金额同时落入两档，"
           "或超过最高上限的争议无处可诉。"),
        S, (("  - forum: 向合同签订地人民法院提起诉讼", "  - up_to: 50000\n    forum: 向合同签订地人民法院提起诉讼"),),
    ),
    "annexes-unique": RuleDoc(
        N_("同一附件列出两次会让附件编号与正文引用对不上，也显得文书不严谨。"),
        S, (("  - 值班排班表", "  - 服务响应时效计算细则"),),
    ),
    "share-sum": RuleDoc(
        N_("各响应级别的预计占比描述的是全部服务请求的划分，合计必须恰好为 100%；否则占比与补偿测算都失去依据。"),
        S, (("share: 60%", "share: 65%"),),
    ),
    "tier-level-unique": RuleDoc(
        N_("级别代号（如 L1、L2）在正文、补偿条款和退出机制中被引用；代号重复时，引用指向哪一级就说不清了。"),
        S, (("level: L3", "level: L2"),),
    ),
    "tier-order": RuleDoc(
        N_("级别越重，问题越紧急：响应时效应越短、每小时补偿应越高。顺序颠倒会让重大故障得到比常规咨询更慢的响应。"),
        S, (("response: 15min", "response: 45min"),),
    ),
    "tier-resolve": RuleDoc(
        N_("处理时限从报障开始计算，必然包含响应时间；比响应时效还短的处理时限自相矛盾，无法履行。"),
        S, (("resolve: 1h", "resolve: 3min"),),
    ),
    "compensation-cap": RuleDoc(
        N_("单次最低补偿高于累计补偿上限时，第一次超时就会突破上限，两个条款无法同时成立。"),
        S, (("minimum: 1000", "minimum: 200000"),),
    ),
    "event-rate": RuleDoc(
        N_("重大活动期间是重点保障时段，每小时补偿比例低于最重级别，意味着越重要的时段违约代价越小。"),
        S, (("event_rate_per_hour: 1%", "event_rate_per_hour: 0.2%"),),
    ),
    "business-hours": RuleDoc(
        N_("工作时间的开始时刻不早于结束时刻，“工作时间内响应”就没有可计时的区间。"),
        S, (('end: "18:00"', 'end: "08:00"'),),
    ),
    "adjustments": RuleDoc(
        N_("VIP 通道的意义在于比标准更快，时效倍率不低于 100% 的 VIP 通道名不副实（错误）；"
           "节假日时效长于标准时效是放宽承诺，需要确认是有意为之（警告）。"),
        S, (("vip: 50%", "vip: 120%"),),
    ),
    "termination": RuleDoc(
        N_("降级条款约定投诉率超标后响应时效延长的比例；为 0% 时降级毫无效果，条款形同虚设。"),
        S, (("degradation: 20%", "degradation: 0%"),),
    ),
    "dispute-deadlines": RuleDoc(
        N_("简易争议程序的意义在于更快；简易争议的时限不短于标准争议，分流就失去了作用。"),
        S, (("simple: 5workday", "simple: 30d"),),
    ),
    "annual-total": RuleDoc(
        N_("年度服务总额与月度服务费同时出现在承诺书中，并分别作为不同违约金的计算基数；两者对不上，违约金就有两种算法。"),
        C, (("annual_total: 1020000.00", "annual_total: 1000000.00"),),
    ),
    "staffing-sum": RuleDoc(
        N_("专业人员总数是对外承诺的数字，必须与各团队人数之和一致，否则人员承诺本身就自相矛盾。"),
        C, (("  total: 20", "  total: 21"),),
    ),
    "recovery-order": RuleDoc(
        N_("故障恢复是递进的：先启动应急响应，再恢复核心功能，最后全面恢复；顺序颠倒的时限无法同时兑现。"),
        C, (("  core: 4h", "  core: 48h"),),
    ),
    "outage-threshold": RuleDoc(
        N_("若“中断超过 X 即重大违约”的 X 短于承诺的全面恢复时限，即使按时恢复也已构成重大违约，承诺方必然违约。"),
        C, (("outage_over: 24h", "outage_over: 12h"),),
    ),
    "penalty-order": RuleDoc(
        N_("违约责任应与严重程度相称：重大违约的比例必须高于轻微违约（错误）；持续违约按年度总额计，"
           "其金额还应高于单次重大违约（警告）。"),
        C, (("    rate: 10%", "    rate: 5%"),),
    ),
    "support-order": RuleDoc(
        N_("升级处理发生在首次响应之后；升级时限比首次响应还短，两个承诺无法同时做到。"),
        C, (("escalation: 1workday", "escalation: 10min"),),
    ),
    "availability": RuleDoc(
        N_("100% 的年度可用性意味着全年不得有任何停机，包括提前通知的计划性维护，实际上无法做到，通常应为 99.x%。"),
        C, (("core: 99.5%", "core: 100%"),),
    ),
    "backup-retention": RuleDoc(
        N_("备份保留期限短于备份周期时，上一份备份在下一份生成之前就被删除，中间会有无备份可用的时段。"),
        C, (("backup_retention: 30d", "backup_retention: 12h"),),
    ),
}

LOAD_CODES: dict[str, LoadCode] = {
    "file-missing": LoadCode(
        N_("找不到文件（规格或客户表）"), RuleDoc(N_("命令行给出的路径不存在；检查拼写和当前目录。退出码 2。"))
       ),
       "file-unreadable": LoadCode(
           N_("文件无法读取（是文件夹或没有权限）"), RuleDoc(N_("检查路径和文件权限。退出码 2。"))
       ),
       "file-too-large": LoadCode(
           N_("规格文件或客户表过大"),
           RuleDoc(N_("规格是一份几 KB 的文本；数 MB 的文件多半选错了文件，为安全起见拒绝读取。"
                      "客户表（CSV）的上限是 64 MB。"))
       ),
       "encoding": LoadCode(
           N_("文件不是 UTF-8 编码（如 GBK、UTF-16）"),
        RuleDoc(
            N_("Windows 记事本或 Excel 可能以 GBK/GB18030 或 UTF-16 保存文件，按 UTF-8 读取会得到乱码，"
               "乱码一旦写进承诺函很难发现。请另存为 UTF-8 编码；客户表在 Excel 中另存为“CSV UTF-8（逗号分隔）”。"
               "规格和客户表一样，报告给出第一个无法识别的字节的位置，退出码为 1。")
        ),
    ),
    "empty-file": LoadCode(
        N_("文件为空"), RuleDoc(N_("空文件不是规格；规格应为以 template: 开头的映射。"))
       ),
       "not-a-mapping": LoadCode(
           N_("规格的顶层不是映射（键: 值）"),
        RuleDoc(N_("规格的顶层必须是“键: 值”的映射；顶层是列表或单个值，通常是缩进或文件选错了。")),
    ),
    "control-character": LoadCode(
        N_("含有不可见的控制字符"),
        RuleDoc(
            N_("控制字符（多由复制粘贴带入，或在引号中用转义写出）看不见，却无法写入 DOCX；"
               "留在规格里会让生成失败或在文书中留下怪字符。"),
            S, (("  contact: 李四", '  contact: "李四\\a"'),),
        ),
    ),
    "yaml-syntax": LoadCode(
        N_("YAML 语法错误"),
        RuleDoc(
            N_("文件不是合法的 YAML（缩进用了 Tab、引号未闭合、冒号后缺空格等），无法读取；报告给出出错的行列。"),
            S, (('start: "09:00"', 'start: "09:00'),),
        ),
    ),
    "duplicate-key": LoadCode(
        N_("同一映射中键重复"),
        RuleDoc(
            N_("YAML 允许后一个同名键悄悄覆盖前一个，承诺函会用上您以为已经改掉的值；letters 把重复键当作错误。"),
            S, (('  end: "18:00"', '  end: "18:00"\n  end: "17:30"'),),
        ),
    ),
    "yaml-key": LoadCode(
        N_("键不是简单的文字"),
        RuleDoc(
            N_("规格的键必须是简单文字；列表或映射作键（[a, b]: …）没有对应的字段。"),
            S, (("  contact: 李四", "  [contact, phone]: 李四"),),
        ),
    ),
    "yaml-merge-key": LoadCode(
        N_("使用了 YAML 合并键 <<"),
        RuleDoc(
            N_("合并键 << 不是 YAML 1.2 标准的一部分，各工具的处理不一致；复用公共内容请用 extends:。"),
            S,
            (
                ("provider:  ", "provider: &provider"),
                ("  name: 示例银行股份有限公司", "  <<: *provider\n  name: 示例银行股份有限公司"),
            ),
        ),
    ),
    "yaml-tag": LoadCode(
        N_("使用了不支持的 YAML 标签"),
        RuleDoc(
            N_("!env、!!python/… 等标签会让值的含义取决于读取它的程序；规格只接受普通文字、列表和映射。"),
            S, (("  name: 示例信息技术有限公司", "  name: !env PROVIDER_NAME"),),
        ),
    ),
    "yaml-too-deep": LoadCode(
        N_("嵌套层数过多"),
        RuleDoc(N_("规格的嵌套不超过几层；过深的嵌套多半来自引用自身的锚点，为安全起见拒绝读取。")),
    ),
    "yaml-too-large": LoadCode(
        N_("别名展开后节点过多（别名炸弹）"),
        RuleDoc(N_("锚点和别名可以反复引用，少量文字就能展开成数十亿个节点；超过 100,000 个节点即停止读取。")),
    ),
    "unknown-template": LoadCode(
        N_("未知的文书类型"),
        RuleDoc(
            N_("template: 决定规格有哪些字段、使用哪份模板；写错时无法读取其余字段。报告列出可用的文书类型。"),
            S, (("\ntemplate: sla-response", "\ntemplate: sla-respones"),),
        ),
    ),
    "unknown-field": LoadCode(
        N_("未知字段（拼写错误）"),
        RuleDoc(
            N_("拼错的字段名（如 penalty_per_hr）不会被悄悄忽略：那样承诺函会缺少您以为已经写上的条款。"
               "报告给出最接近的正确字段名。"),
            S, (("penalty_per_hour: 0.3%", "penalty_per_hr: 0.3%"),),
        ),
    ),
    "missing-field": LoadCode(
        N_("缺少必填字段"),
        RuleDoc(
            N_("必填字段缺失时承诺函缺少必要内容；报告给出字段路径和应填写的类型。"),
            S, (("  number: HT-2026-0001", "  # number: HT-2026-0001"),),
        ),
    ),
    "missing-value": LoadCode(
        N_("字段没有取值"),
        RuleDoc(
            N_("写了字段却没有填值（或只填了空白），承诺函中会出现空缺。"),
            S, (("  name: 示例银行股份有限公司", "  name:"),),
        ),
    ),
    "wrong-type": LoadCode(
        N_("取值类型不对（如应为列表却写了单个值）"),
        RuleDoc(
            N_("每个字段有确定的形状：列表、映射或单个值。形状不对时无法确定含义。"),
            S, (("scenarios: [系统报错, 接口异常]", "scenarios: 系统报错"),),
        ),
    ),
    "invalid-value": LoadCode(
        N_("取值不是该字段的单位（时长、百分比、金额、日期、时刻、整数）"),
        RuleDoc(
            N_("时长、百分比、金额、日期和时刻按固定写法读取并精确计算（见 README 的单位表）；"
               "无法识别的写法不会被猜测。"),
            S, (("response: 30min", "response: 30 minutes"),),
        ),
    ),
    "invalid-choice": LoadCode(
        N_("取值不在可选值之内"),
        RuleDoc(
            N_("只有几个可选值的字段（如服务时段 business_hours 或 7x24）必须取其中之一，报告列出可选值。"),
            S, (("coverage: business_hours", "coverage: workdays"),),
        ),
    ),
    "extends": LoadCode(
        N_("extends 无法使用（文件不存在、循环引用或嵌套过深）"),
        RuleDoc(
            N_("extends 指向的基础规格必须存在，且继承链不能成环、不超过 8 层；否则无法得到完整的规格。"),
            S, (("# extends: base.yaml", "extends: base.yaml"),),
        ),
    ),
}

# The codes of ``letters batch`` (the client table) and ``letters build`` (the outputs).  The
# table examples are client tables over the scaffold of *base*, run as a batch that writes
# nothing; findings show their row and column.
BATCH_CODES: dict[str, LoadCode] = {
    "unknown-column": LoadCode(
        N_("客户表的列标题不是规格路径，或不是基础规格中的单个字段"),
        RuleDoc(
            N_("客户表的每个列标题都是规格路径（如 client.name、tiers[0].share），指明这一列的值填到规格的哪个字段。"
               "拼错或不存在的列若被悄悄忽略，这一列的数据就不会进入任何承诺函；没有标题却有数据的列同样报告。"
               "列标题有误时整张表都不生成。"),
            S,
            table=(
                "client.name,agreement.totl\n甲有限公司,560000.00\n",
                "client.name,agreement.total\n甲有限公司,560000.00\n",
            ),
        ),
    ),
    "duplicate-column": LoadCode(
        N_("客户表中两列的标题是同一个规格路径"),
        RuleDoc(
            N_("两列指向同一个字段时，无法确定以哪一列为准；多半是复制列时忘了改标题。"),
            S,
            table=(
                "client.name,client.name\n甲有限公司,金融\n",
                "client.name,client.industry\n甲有限公司,金融\n",
            ),
        ),
    ),
    "missing-item": LoadCode(
        N_("单元格无法填入基础规格（如列表项在基础规格中不存在）"),
        RuleDoc(
            N_("表格只能修改基础规格中已有的列表项（tiers[0]、tiers[1] …），不能凭空增加一项：新增的一项缺少其余必填字段。"
               "需要更多项时，请先在基础规格中写出来。"),
            S,
            table=(
                "client.name,tiers[3].name\n甲有限公司,特级服务\n",
                "client.name,tiers[2].name\n甲有限公司,特级服务\n",
            ),
        ),
    ),
    "duplicate-letter-number": LoadCode(
        N_("同一批次中两份承诺函的编号相同"),
        RuleDoc(
            N_("承诺函编号用来识别每一份承诺函；两位客户拿到编号相同的承诺函，日后引用、归档和核对时就会混淆。"
               "letter.number 单元格留空时沿用基础规格的编号，所以留空的行也会重复。"
               "重复的各行都会报告且都不生成，其余行照常生成。"),
            S,
            table=(
                "client.name,letter.number\n甲有限公司,SL-2027-0001\n乙有限公司,SL-2027-0001\n",
                "client.name,letter.number\n甲有限公司,SL-2027-0001\n乙有限公司,SL-2027-0002\n",
            ),
        ),
    ),
    "malformed-table": LoadCode(
        N_("客户表无法解析（CSV 格式错误，或不是有效的 Excel 文件）"),
        RuleDoc(
            N_("表格内容损坏或格式不对（单元格超过 128 KB、扩展名为 .csv 的 Excel 文件、损坏的 .xlsx 等）时，"
               "无法可靠地读出每一行；报告给出出错的位置。请在 Excel 中重新另存为“CSV UTF-8（逗号分隔）”或 .xlsx。"
               "与规格中的内容错误一样，退出码为 1。"),
        ),
    ),
    "missing-output": LoadCode(
        N_("letters build --check：缺少应生成的输出文件"),
        RuleDoc(
            N_("[tool.letters] 声明的规格或客户表会生成这个文件，但输出文件夹中没有它：提交的承诺函不完整。"
               "运行 letters build 生成后再提交。")
        ),
    ),
    "outdated-output": LoadCode(
        N_("letters build --check：输出文件不是最新的"),
        RuleDoc(
            N_("规格、客户表或模板改过之后没有重新生成，提交的承诺函就与规格不一致，签署的可能是旧版本。"
               "生成是逐字节确定的，任何差异都说明需要运行 letters build。")
        ),
    ),
    "extra-output": LoadCode(
        N_("letters build --check：输出文件夹中有多余的文书"),
        RuleDoc(
            N_("输出文件夹中的 .docx/.md 文件已没有任何规格或客户表生成它（规格改了名或被删除，客户从表中移除），"
               "留着它容易让人误以为仍然有效。letters build 会删除它。")
        ),
    ),
}


def rule_codes() -> list[str]:
    """Return the codes of the consistency rules, in registration order."""
    from .checks import RULES

    return list(RULES)


def all_codes() -> list[str]:
    """Return every documented code: the rules, the load problems, then batch and build codes."""
    return [*rule_codes(), *LOAD_CODES, *BATCH_CODES]


@dataclass(frozen=True)
class Info:
    """Hold what ``letters rules CODE`` prints about one code."""

    code: str
    severity: str
    templates: tuple[str, ...]
    summary: str
    doc: RuleDoc
    is_rule: bool
    is_batch: bool = False  # a code of letters batch / letters build (BATCH_CODES)


def info(code: str) -> Info:
    """Return the documentation of *code*; raise KeyError for an unknown code."""
    from .checks import RULES

    if code in RULES:
        r = RULES[code]
        return Info(code, r.severity, r.templates, r.summary, RULE_DOCS.get(code, RuleDoc("")), True)
    if code in BATCH_CODES:
        bc = BATCH_CODES[code]
        return Info(code, bc.severity, bc.templates, bc.summary, bc.doc, False, True)
    lc = LOAD_CODES[code]
    return Info(code, lc.severity, lc.templates, lc.summary, lc.doc, False)


def suggest(code: str) -> list[str]:
    """Return the documented codes closest to the unknown *code*."""
    import difflib

    return difflib.get_close_matches(code, all_codes(), n=3, cutoff=0.5)


# ------------------------------------------------------------------ running an example


def mutate(text: str, changes: Sequence[Change]) -> str:
    """Return *text* with each (find, replace) applied; each *find* must occur exactly once."""
    for old, new in changes:
        count = text.count(old)
        if count != 1:
            raise ValueError(f"{old!r} occurs {count} times in the base spec")
        text = text.replace(old, new)
    return text


def findings(text: str, name: str = "example.yaml") -> list[Diagnostic]:
    """Return every finding of the spec *text* (load problems and rule findings)."""
    from .checks import check
    from .spec import load

    with tempfile.TemporaryDirectory(prefix="letters-rule-") as tmp:
        path = Path(tmp) / name
        path.write_text(text, encoding="utf-8")
        try:
            contract = load(path)
        except SpecError as exc:
            return exc.diagnostics
        return check(contract)


@dataclass(frozen=True)
class Example:
    """Hold a worked example: the YAML (or client table) before and after, and its findings."""

    base: str
    passing: list[str]
    failing: list[str]
    found: list[Diagnostic]
    table: bool = False  # the lines are a client table; findings carry their row and column


TABLE_NAME = "clients.csv"  # the name of an example's client table in its findings


def table_findings(kind: str, table: str) -> list[Diagnostic]:
    """Return every finding of a batch of the client table *table* over the scaffold of *kind*.

    Nothing is written.  Findings name the table ``clients.csv`` and the base ``base.yaml``.
    """
    from dataclasses import replace

    from .batch import prepare, run
    from .diagnostics import Mark
    from .scaffold import scaffold_text

    found: list[Diagnostic] = []
    with tempfile.TemporaryDirectory(prefix="letters-rule-") as tmp:
        base, clients = Path(tmp) / "base.yaml", Path(tmp) / TABLE_NAME
        base.write_text(scaffold_text(kind), encoding="utf-8")
        clients.write_text(table, encoding="utf-8")
        try:
            batch = prepare(base, clients, Path(tmp) / "out", mode="none")
        except SpecError as exc:
            found.extend(exc.diagnostics)
        else:
            found.extend(batch.problems)
            for r in run(batch, 1):
                found.extend(r.diagnostics)
        names = {str(clients): TABLE_NAME, str(base): "base.yaml"}
        out = []
        for d in found:
            message = d.message.replace(str(clients), TABLE_NAME).replace(str(base), "base.yaml")
            mark = Mark(names.get(d.mark.file, d.mark.file), d.mark.line, d.mark.column)
            out.append(replace(d, message=message, mark=mark))
        return out


def example(code: str) -> Example | None:
    """Apply the example mutation of *code* and return the snippets and its findings."""
    from .scaffold import scaffold_text

    doc = info(code).doc
    if doc.base is None:
        return None
    if doc.table is not None:
        bad, good = doc.table
        found = [d for d in table_findings(doc.base, bad) if d.code == code]
        return Example(doc.base, good.splitlines(), bad.splitlines(), found, table=True)
    before = scaffold_text(doc.base)
    after = mutate(before, doc.changes)
    found = [d for d in findings(after) if d.code == code]
    passing, failing = snippets(before, after)
    return Example(doc.base, passing, failing, found)


def finding_line(d: Diagnostic, position: bool = False) -> str:
    """Return a finding without its file position: ``error[code] path: message``.

    With *position*, the table examples' form ``clients.csv:3:2: error[code] path: message``.
    """
    if position:
        return d.text()
    where = dotted(d.path)
    return f"{d.severity}[{d.code}] {where + ': ' if where else ''}{d.message}"


# ------------------------------------------------------------------ YAML snippets

_COMMENT = re.compile(r"(?<=\S)\s+#.*$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _meaningful(line: str) -> bool:
    s = line.strip()
    return bool(s) and not s.startswith("#")


def _ancestors(lines: list[str], index: int) -> list[int]:
    """Return the indices of the lines that open the blocks containing line *index*."""
    out: list[int] = []
    level = _indent(lines[index]) if index < len(lines) else 0
    for i in range(min(index, len(lines)) - 1, -1, -1):
        if level == 0:
            break
        if _meaningful(lines[i]) and _indent(lines[i]) < level:
            out.append(i)
            level = _indent(lines[i])
    return out[::-1]


def _show(lines: list[str], changed: list[int]) -> list[str]:
    keep: set[int] = set(changed)
    for i in changed:
        keep.update(_ancestors(lines, i))
    out: list[str] = []
    prev: int | None = None
    for i in sorted(keep):
        if prev is not None and i > prev + 1 and any(_meaningful(x) for x in lines[prev + 1 : i]):
            nxt = lines[i]
            out.append(" " * _indent(nxt) + "…")
        line = _COMMENT.sub("", lines[i]).rstrip()
        out.append(line)
        prev = i
    return out


def snippets(before: str, after: str) -> tuple[list[str], list[str]]:
    """Return the changed lines of *before* and *after*, each with its enclosing keys."""
    import difflib

    a, b = before.split("\n"), after.split("\n")
    changed_a: list[int] = []
    changed_b: list[int] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        changed_a.extend(range(i1, i2))
        changed_b.extend(range(j1, j2))
        # An inserted or deleted line is shown next to the line it stands before.
        if tag == "insert" and i1 < len(a):
            changed_a.append(i1)
            changed_b.append(j2)
        if tag == "delete" and j1 < len(b):
            changed_b.append(j1)
            changed_a.append(i2)
    return _show(a, changed_a), _show(b, changed_b)
