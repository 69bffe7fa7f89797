"""Document every finding code: why it matters, and a verified failing and passing example.

A consistency rule documents itself (:class:`letters.rules.Rule`: summary, why, example).  The
problems of reading a spec, a client table or the outputs are not rules; each has a
:class:`LoadCode` here.  Examples come from the letter kinds: a kind's own rules carry theirs,
and a kind offers examples of the shared rules and of these codes on its starting spec
(``Kind.examples``); the first registered kind that has one is shown.

An example is a text mutation of a kind's starting spec (:mod:`letters.scaffold`), or a client
table run as a batch over it: ``letters rules CODE`` applies it, loads and checks the result
and prints the lines before and after with the finding it produces, so an example can never
drift from what ``letters check`` really does (the tests apply every example and assert that
its code fires, and not on the unmutated spec).

Every code the program can emit is documented; ``tests/test_codes.py`` collects the codes from
the source and holds it to that.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .diagnostics import Diagnostic, SpecError, dotted
from .i18n import N_
from .rules import Change, RuleDoc


@dataclass(frozen=True)
class LoadCode:
    """Describe a code reported while a spec, a client table or the outputs are read.

    *summary* and *why* are message ids (the Chinese text): show them with
    :func:`letters.i18n._`.  Such problems concern every letter kind.
    """

    summary: str
    why: str
    severity: str = "error"
    templates: tuple[str, ...] | None = None


LOAD_CODES: dict[str, LoadCode] = {
    "file-missing": LoadCode(
        N_("找不到文件（规格或客户表）"),
        N_("命令行给出的路径不存在；检查拼写和当前目录。退出码 2。"),
    ),
    "file-unreadable": LoadCode(
        N_("文件无法读取（是文件夹或没有权限）"),
        N_("检查路径和文件权限。退出码 2。"),
    ),
    "file-too-large": LoadCode(
        N_("规格文件或客户表过大"),
        N_(
            "规格是一份几 KB 的文本；数 MB 的文件多半选错了文件，为安全起见拒绝读取。客户表（CSV）的上限是 64 MB。"
        ),
    ),
    "encoding": LoadCode(
        N_("文件不是 UTF-8 编码（如 GBK、UTF-16）"),
        N_(
            "Windows 记事本或 Excel 可能以 GBK/GB18030 或 UTF-16 保存文件，按 UTF-8 读取会得到乱码，乱码一旦写进承诺函很难发现。请另存为 UTF-8 编码；客户表在 Excel 中另存为“CSV UTF-8（逗号分隔）”。规格和客户表一样，报告给出第一个无法识别的字节的位置，退出码为 1。"
        ),
    ),
    "empty-file": LoadCode(
        N_("文件为空"),
        N_("空文件不是规格；规格应为以 template: 开头的映射。"),
    ),
    "not-a-mapping": LoadCode(
        N_("规格的顶层不是映射（键: 值）"),
        N_("规格的顶层必须是“键: 值”的映射；顶层是列表或单个值，通常是缩进或文件选错了。"),
    ),
    "control-character": LoadCode(
        N_("含有不可见的控制字符"),
        N_(
            "控制字符（多由复制粘贴带入，或在引号中用转义写出）看不见，却无法写入 DOCX；留在规格里会让生成失败或在文书中留下怪字符。"
        ),
    ),
    "yaml-syntax": LoadCode(
        N_("YAML 语法错误"),
        N_(
            "文件不是合法的 YAML（缩进用了 Tab、引号未闭合、冒号后缺空格等），无法读取；报告给出出错的行列。"
        ),
    ),
    "duplicate-key": LoadCode(
        N_("同一映射中键重复"),
        N_(
            "YAML 允许后一个同名键悄悄覆盖前一个，承诺函会用上您以为已经改掉的值；letters 把重复键当作错误。"
        ),
    ),
    "yaml-key": LoadCode(
        N_("键不是简单的文字"),
        N_("规格的键必须是简单文字；列表或映射作键（[a, b]: …）没有对应的字段。"),
    ),
    "yaml-merge-key": LoadCode(
        N_("使用了 YAML 合并键 <<"),
        N_("合并键 << 不是 YAML 1.2 标准的一部分，各工具的处理不一致；复用公共内容请用 extends:。"),
    ),
    "yaml-tag": LoadCode(
        N_("使用了不支持的 YAML 标签"),
        N_(
            "!env、!!python/… 等标签会让值的含义取决于读取它的程序；规格只接受普通文字、列表和映射。"
        ),
    ),
    "yaml-too-deep": LoadCode(
        N_("嵌套层数过多"),
        N_("规格的嵌套不超过几层；过深的嵌套多半来自引用自身的锚点，为安全起见拒绝读取。"),
    ),
    "yaml-too-large": LoadCode(
        N_("别名展开后节点过多（别名炸弹）"),
        N_(
            "锚点和别名可以反复引用，少量文字就能展开成数十亿个节点；超过 100,000 个节点即停止读取。"
        ),
    ),
    "unknown-template": LoadCode(
        N_("未知的文书类型"),
        N_(
            "template: 决定规格有哪些字段、使用哪份模板；写错时无法读取其余字段。报告列出可用的文书类型。"
        ),
    ),
    "unknown-field": LoadCode(
        N_("未知字段（拼写错误）"),
        N_(
            "拼错的字段名（如 penalty_per_hr）不会被悄悄忽略：那样承诺函会缺少您以为已经写上的条款。报告给出最接近的正确字段名。"
        ),
    ),
    "missing-field": LoadCode(
        N_("缺少必填字段"),
        N_("必填字段缺失时承诺函缺少必要内容；报告给出字段路径和应填写的类型。"),
    ),
    "missing-value": LoadCode(
        N_("字段没有取值"),
        N_("写了字段却没有填值（或只填了空白），承诺函中会出现空缺。"),
    ),
    "wrong-type": LoadCode(
        N_("取值类型不对（如应为列表却写了单个值）"),
        N_("每个字段有确定的形状：列表、映射或单个值。形状不对时无法确定含义。"),
    ),
    "invalid-value": LoadCode(
        N_("取值不是该字段的单位（时长、百分比、金额、日期、时刻、整数）"),
        N_(
            "时长、百分比、金额、日期和时刻按固定写法读取并精确计算（见 README 的单位表）；无法识别的写法不会被猜测。"
        ),
    ),
    "invalid-choice": LoadCode(
        N_("取值不在可选值之内"),
        N_(
            "只有几个可选值的字段（如服务时段 business_hours 或 7x24）必须取其中之一，报告列出可选值。"
        ),
    ),
    "extends": LoadCode(
        N_("extends 无法使用（文件不存在、循环引用或嵌套过深）"),
        N_(
            "extends 指向的基础规格必须存在，且继承链不能成环、不超过 8 层；否则无法得到完整的规格。"
        ),
    ),
}

# The codes of ``letters batch`` (the client table) and ``letters build`` (the outputs).  Their
# examples are client tables over a kind's starting spec, run as a batch that writes nothing;
# findings show their row and column.
BATCH_CODES: dict[str, LoadCode] = {
    "unknown-column": LoadCode(
        N_("客户表的列标题不是规格路径，或不是基础规格中的单个字段"),
        N_(
            "客户表的每个列标题都是规格路径（如 client.name、tiers[0].share），指明这一列的值填到规格的哪个字段。拼错或不存在的列若被悄悄忽略，这一列的数据就不会进入任何承诺函；没有标题却有数据的列同样报告。列标题有误时整张表都不生成。"
        ),
    ),
    "duplicate-column": LoadCode(
        N_("客户表中两列的标题是同一个规格路径"),
        N_("两列指向同一个字段时，无法确定以哪一列为准；多半是复制列时忘了改标题。"),
    ),
    "missing-item": LoadCode(
        N_("单元格无法填入基础规格（如列表项在基础规格中不存在）"),
        N_(
            "表格只能修改基础规格中已有的列表项（tiers[0]、tiers[1] …），不能凭空增加一项：新增的一项缺少其余必填字段。需要更多项时，请先在基础规格中写出来。"
        ),
    ),
    "duplicate-letter-number": LoadCode(
        N_("同一批次中两份承诺函的编号相同"),
        N_(
            "承诺函编号用来识别每一份承诺函；两位客户拿到编号相同的承诺函，日后引用、归档和核对时就会混淆。letter.number 单元格留空时沿用基础规格的编号，所以留空的行也会重复。重复的各行都会报告且都不生成，其余行照常生成。"
        ),
    ),
    "malformed-table": LoadCode(
        N_("客户表无法解析（CSV 格式错误，或不是有效的 Excel 文件）"),
        N_(
            "表格内容损坏或格式不对（单元格超过 128 KB、扩展名为 .csv 的 Excel 文件、损坏的 .xlsx 等）时，无法可靠地读出每一行；报告给出出错的位置。请在 Excel 中重新另存为“CSV UTF-8（逗号分隔）”或 .xlsx。与规格中的内容错误一样，退出码为 1。"
        ),
    ),
    "missing-output": LoadCode(
        N_("letters build --check：缺少应生成的输出文件"),
        N_(
            "[tool.letters] 声明的规格或客户表会生成这个文件，但输出文件夹中没有它：提交的承诺函不完整。运行 letters build 生成后再提交。"
        ),
    ),
    "outdated-output": LoadCode(
        N_("letters build --check：输出文件不是最新的"),
        N_(
            "规格、客户表或模板改过之后没有重新生成，提交的承诺函就与规格不一致，签署的可能是旧版本。生成是逐字节确定的，任何差异都说明需要运行 letters build。"
        ),
    ),
    "extra-output": LoadCode(
        N_("letters build --check：输出文件夹中有多余的文书"),
        N_(
            "输出文件夹中的 .docx/.md 文件已没有任何规格或客户表生成它（规格改了名或被删除，客户从表中移除），留着它容易让人误以为仍然有效。letters build 会删除它。"
        ),
    ),
}


# The codes of ``letters verify``: a letter that came back does not say what its spec says.
# Codes of the PDF output (--to pdf; letters.writers.pdf): any command that writes PDF.
BATCH_CODES["font-fallback"] = LoadCode(
    N_("PDF 使用了替代字体：承诺函要求的字体（宋体、黑体、新細明體等）在本机没有"),
    N_(
        "承诺函的 DOCX 要求 Windows 的中文字体；在没有这些字体的机器上（Linux、LibreOffice），"
        "PDF 改用 fonts-noto-cjk 的思源宋体、思源黑体（Noto Serif/Sans CJK）嵌入。文字与排版不变，"
        "字形略有不同；若须与 Word 打印的效果一致，请在装有这些字体的机器上生成 PDF。"
        "每个进程只提示一次。"
    ),
    severity="warning",
)

VERIFY_CODES: dict[str, LoadCode] = {
    "hand-edit": LoadCode(
        N_("letters verify：承诺函的文字与规格重新生成的不一致（被手工改过）"),
        N_(
            "承诺函发出后可能在 Word 或 WPS 中被改过，再拿回来签署；只看一眼发现不了改动的数字、金额、大写、日期或一句话。letters verify 重新生成规格并逐段、逐个单元格比对，指出位置（如 二（一）¶2、表1第3行第6列）、应有的文字和实际的文字，数字能对应到规格字段时给出字段路径。只保存不修改造成的变化（拆分的文字段、字体、书签、页码等域结果）不算不一致。"
        ),
    ),
    "tracked-change": LoadCode(
        N_("letters verify：承诺函中有未接受的修订"),
        N_(
            "未接受的修订（插入或删除）会让不同的软件、不同的显示方式看到不同的文字，签署的文本因此不确定。请接受或拒绝全部修订后再核对。"
        ),
    ),
    "comment": LoadCode(
        N_("letters verify：承诺函中有批注"),
        N_("批注不是承诺函的内容，却会随文件一起送出；签署前请处理并删除全部批注。"),
    ),
}


def rule_codes() -> list[str]:
    """Return the codes of the consistency rules, in registration order."""
    from .checks import RULES

    return list(RULES)


def all_codes() -> list[str]:
    """Return every documented code: the rules, the load problems, then batch and build codes."""
    return [*rule_codes(), *LOAD_CODES, *BATCH_CODES, *VERIFY_CODES]


@dataclass(frozen=True)
class Info:
    """Hold what ``letters rules CODE`` prints about one code."""

    code: str
    severity: str
    templates: tuple[str, ...] | None  # None: every kind
    summary: str
    doc: RuleDoc
    is_rule: bool
    is_batch: bool = False  # a code of letters batch / letters build (BATCH_CODES)


def info(code: str) -> Info:
    """Return the documentation of *code*; raise KeyError for an unknown code."""
    from .checks import RULES

    if code in RULES:
        r = RULES[code]
        doc = r.doc if r.doc.base is not None else _offered(code, r.doc.why)
        return Info(code, r.severity, r.kinds, r.summary, doc, True)
    if code in BATCH_CODES or code in VERIFY_CODES:
        bc = BATCH_CODES.get(code) or VERIFY_CODES[code]
        return Info(
            code, bc.severity, bc.templates, bc.summary, _offered(code, bc.why), False, True
        )
    lc = LOAD_CODES[code]
    return Info(code, lc.severity, lc.templates, lc.summary, _offered(code, lc.why), False)


def _offered(code: str, why: str) -> RuleDoc:
    """Return *why* with the example the first registered kind offers for *code*, if any."""
    from . import kinds

    for kind in kinds.all_kinds().values():
        offered = kind.examples.get(code)
        if offered is not None:
            return replace(offered, why=why, base=kind.name)
    return RuleDoc(why)


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
    from .contract import load

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


# ------------------------------------------------------------------ the README's rule table

TABLE_START = (
    "<!-- rules-table: generated by scripts/gen-docs from the rule objects; do not edit -->"
)
TABLE_END = "<!-- rules-table: end -->"


def rules_table() -> str:
    """Return the README's table of consistency rules, generated from the rule objects.

    One row per rule: code, severity, the kinds it applies to, its summary (in English, from
    the catalog) and the finding its verified example produces (the real Chinese message).
    """
    from . import i18n
    from .checks import RULES

    saved = i18n.snapshot()
    try:
        i18n.set_language(
            "zh_CN"
        )  # the findings as a Chinese reader sees them, whatever LETTERS_LANG says
        found = {code: example(code) for code in RULES}
        i18n.set_language("en")
        summaries = {code: i18n._(r.summary) for code, r in RULES.items()}
    finally:
        i18n.restore(saved)
    rows = [
        "| code | severity | kinds | rule | example finding |",
        "| --- | --- | --- | --- | --- |",
    ]
    for code, r in RULES.items():
        ex = found[code]
        shown = ""
        if ex is not None and ex.found:
            d = ex.found[0]
            where = dotted(d.path)
            shown = f"`{where + ': ' if where else ''}{d.message}`".replace("|", "\\|")
        kinds = "all" if r.kinds is None else ", ".join(r.kinds)
        summary = summaries[code].replace("|", "\\|")
        rows.append(f"| `{code}` | {r.severity} | {kinds} | {summary} | {shown} |")
    return "\n".join(rows) + "\n"


def update_readme(text: str) -> str:
    """Return the README *text* with its generated rule table replaced by the current one."""
    start = text.index(TABLE_START) + len(TABLE_START)
    end = text.index(TABLE_END)
    return text[:start] + "\n" + rules_table() + text[end:]
