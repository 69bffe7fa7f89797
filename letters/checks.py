"""Run the consistency rules: the shared ones declared here, and every kind's own.

A rule (:class:`letters.rules.Rule`) is one object: its code, severity, summary, why it
matters, a verified example and the function that yields its findings.  The shared rules below
read only the parts every letter has (parties, dates, signatories, disputes, annexes, and the
numbers of any model); each kind declares its own rules in ``letters/kinds/<kind>/rules.py``.
Findings are data: a rule never raises for a bad spec.  Messages quote the numbers involved
and are Chinese by default (English with ``--lang en``); a rule's ``summary`` and ``why`` are
message ids: show them with ``_()``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .diagnostics import Diagnostic, Path_, sort_key
from .i18n import N_, _
from .legal import LEGAL
from .modeling import leaves
from .parts import Term
from .rules import Finding, Rule, RuleSet, money, repeats
from .units import Duration, Percent

if TYPE_CHECKING:
    from .contract import Contract

SHARED = RuleSet()


def all_rules() -> dict[str, Rule]:
    """Return every rule by code: the shared rules, then each registered kind's, in order."""
    from . import kinds

    found = {r.code: r for r in SHARED}
    for kind in kinds.all_kinds().values():
        for r in kind.rules:
            other = found.get(r.code)
            if other is not None:
                owner = _("共用规则") if other.kinds is None else ", ".join(other.kinds)
                raise kinds.KindError(
                    _(
                        "letters: 规则代码“{code}”同时由 {first} 与文书类型 {second} 声明；请改用不同的代码"
                    ).format(code=r.code, first=owner, second=kind.name)
                )
            found[r.code] = r
    return found


def __getattr__(name: str) -> Any:  # RULES: computed once the kinds are known
    if name == "RULES":
        return all_rules()
    raise AttributeError(name)


def check(contract: Contract) -> list[Diagnostic]:
    """Return every finding for *contract*: its load findings and those of every rule, sorted.

    The shared rules run first, then the kind's own; only the contract's kind is imported.
    """
    from . import kinds

    found = list(contract.diagnostics)
    kind = kinds.get(contract.template)
    for r in (*SHARED, *kind.rules):
        if r.applies_to(kind.name):
            found.extend(r.fn(contract))
    return sorted(found, key=sort_key)


# ------------------------------------------------------------------ generic value rules


_NUMBERS = (Percent, Duration, Decimal, int)
_last_numbers: tuple[Any, tuple[tuple[Path_, Any], ...]] | None = None


def _numbers(model: Any) -> tuple[tuple[Path_, Any], ...]:
    """Return the Percent, Duration, Decimal and int leaves of *model* with their paths.

    Depth first in field order (:func:`letters.modeling.leaves`).  ``percent-range`` and
    ``positive`` both need them: the walk is done once per model (the last model's leaves are
    kept; a model is immutable) instead of once per rule.
    """
    global _last_numbers
    last = _last_numbers
    if last is not None and last[0] is model:
        return last[1]
    found = tuple(leaves(model, _NUMBERS))
    _last_numbers = (model, found)
    return found


def _kind(c: Contract) -> Any:
    from . import kinds

    return kinds.get(c.template)


@SHARED.rule(
    "percent-range",
    "error",
    N_("占比、费率、可用性等百分比必须在 0% 到 100% 之间（时效调整倍率除外）"),
    why=N_(
        "占比、费率、可用性都是“整体的一部分”，超过 100% 或为负在法律文书里没有意义，通常是把 0.5% 写成了 50%，或多打了一位数。时效调整（adjustments）是标准时效的倍率，可以超过 100%。"
    ),
)
def percent_range(c: Contract) -> Finding:
    multipliers = _kind(c).multipliers  # percentages of a standard time: may exceed 100%
    for path, value in _numbers(c.model):
        if (
            isinstance(value, Percent)
            and path[0] not in multipliers
            and not (0 <= value.value <= 100)
        ):
            yield c.finding(path, _("百分比 {value} 超出 0%–100% 的范围").format(value=value))


@SHARED.rule(
    "positive",
    "error",
    N_("时长、次数、天数等必须大于零，人数不能为负"),
    why=N_(
        "为零的时长、次数或金额会让承诺落空：“0分钟内恢复”无法履行，“违约金 0 元”等于没有违约金。"
    ),
)
def positive(c: Contract) -> Finding:
    kind = _kind(c)
    for path, value in _numbers(c.model):
        if isinstance(value, Duration) and value.amount <= 0:
            yield c.finding(path, _("时长 {value} 必须大于零").format(value=value.text()))
        elif isinstance(value, Percent) and path[0] in kind.multipliers and value.value <= 0:
            yield c.finding(path, _("时效倍率 {value} 必须大于零").format(value=value))
        elif isinstance(value, Decimal) and value <= 0 and path[-1] not in ("up_to",):
            yield c.finding(path, _("金额 {value} 必须大于零").format(value=money(value)))
        elif (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value <= 0
            and path[-1] not in kind.zero_allowed
        ):
            yield c.finding(path, _("数值 {value} 必须大于零").format(value=value))


# ------------------------------------------------------------------ parties and dates


def _credit_code_problem(code: str) -> str | None:
    """Return why *code* is not a valid GB 32100-2015 unified social credit code, or None."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    if len(code) != 18:
        return _("应为 18 位，实际 {count} 位").format(count=len(code))
    bad = [ch for ch in code if ch not in alphabet]
    if bad:
        return _(
            "含有不允许的字符“{char}”（代码只用数字和除 I、O、S、V、Z 以外的大写字母）"
        ).format(char=bad[0])
    total = sum(alphabet.index(ch) * w for ch, w in zip(code[:17], weights, strict=True))
    expected = alphabet[(31 - total % 31) % 31]
    if code[17] != expected:
        return _("校验位应为“{expected}”，实际为“{actual}”").format(
            expected=expected, actual=code[17]
        )
    return None


@SHARED.rule(
    "credit-code",
    "error",
    N_("统一社会信用代码须符合 GB 32100-2015：18 位、字符集正确、校验位正确"),
    why=N_(
        "统一社会信用代码是识别当事人的唯一依据。最后一位是校验位，抄错任何一位几乎都会让它对不上；代码错了，承诺函可能指向另一家单位，或被认为当事人不明确。"
    ),
)
def credit_code(c: Contract) -> Finding:
    for role in ("provider", "client"):
        party = getattr(c.model, role)
        if party.credit_code is None:
            continue
        problem = _credit_code_problem(party.credit_code)
        if problem:
            code = party.credit_code
            if role == "provider":
                msg = _("承诺方统一社会信用代码 {code} 无效：{problem}").format(
                    code=code, problem=problem
                )
            else:
                msg = _("接收方统一社会信用代码 {code} 无效：{problem}").format(
                    code=code, problem=problem
                )
            yield c.finding((role, "credit_code"), msg)


@SHARED.rule(
    "date-order",
    "error",
    N_("协议生效日不晚于终止日；出具日期不晚于协议终止日"),
    why=N_(
        "协议终止日早于生效日，或承诺函在协议终止后才出具，承诺就没有可以履行的期间，通常是年份写错了。"
    ),
)
def date_order(c: Contract) -> Finding:
    a = getattr(c.model, "agreement", None)
    if not isinstance(a, Term):
        return
    if a.expires < a.effective:
        yield c.finding(
            ("agreement", "expires"),
            _("协议终止日 {expires} 早于生效日 {effective}").format(
                expires=a.expires, effective=a.effective
            ),
            (("agreement", "effective"),),
        )
    if c.model.letter.date > a.expires:
        yield c.finding(
            ("letter", "date"),
            _("出具日期 {date} 晚于协议终止日 {expires}，承诺已无从履行").format(
                date=c.model.letter.date, expires=a.expires
            ),
            (("agreement", "expires"),),
        )


@SHARED.rule(
    "letter-date",
    "warning",
    N_("承诺函一般在主协议生效前或生效当日出具"),
    why=N_(
        "承诺函一般在主协议生效前或生效当日出具；晚于生效日出具时，生效日到出具日之间是否适用承诺容易引起争议，需要确认是否有意追溯。"
    ),
)
def letter_date(c: Contract) -> Finding:
    a = getattr(c.model, "agreement", None)
    if not isinstance(a, Term):
        return
    if a.effective < c.model.letter.date <= a.expires:
        yield c.finding(
            ("letter", "date"),
            _("出具日期 {date} 晚于协议生效日 {effective}；请确认承诺是否需要追溯适用").format(
                date=c.model.letter.date, effective=a.effective
            ),
            (("agreement", "effective"),),
        )


# ------------------------------------------------------------------ signatories, disputes


@SHARED.rule(
    "signatories",
    "error",
    N_("须有承诺方签署人；法定代表人签署时姓名须与当事人信息一致"),
    why=N_(
        "没有承诺方签署人的承诺函不生效；以“法定代表人”身份签署的人必须就是登记的法定代表人，否则签署权限存疑；同一方的同一职务出现两次多半是复制粘贴的错误。"
    ),
)
def signatories(c: Contract) -> Finding:
    sigs = c.model.signatories
    if not any(s.party == "provider" for s in sigs):
        yield c.finding(("signatories",), _("没有承诺方（provider）的签署人，承诺函无人签署"))
    for i, s in enumerate(sigs):
        party = getattr(c.model, s.party)
        rep = party.legal_representative
        if s.role == "法定代表人" and rep is not None and s.name != rep:
            if s.party == "provider":
                msg = _("签署人“{name}”以法定代表人身份签署，但承诺方的法定代表人是“{rep}”").format(
                    name=s.name, rep=rep
                )
            else:
                msg = _("签署人“{name}”以法定代表人身份签署，但接收方的法定代表人是“{rep}”").format(
                    name=s.name, rep=rep
                )
            yield c.finding(("signatories", i, "name"), msg, ((s.party, "legal_representative"),))
    seen: dict[tuple[str, str], int] = {}
    for i, s in enumerate(sigs):
        key = (s.party, s.role)
        if key in seen:
            yield c.finding(
                ("signatories", i, "role"),
                _("同一方的职务“{role}”重复出现（另见第{other}位签署人）").format(
                    role=s.role, other=seen[key] + 1
                ),
                (("signatories", seen[key], "role"),),
            )
        seen[key] = i


@SHARED.rule(
    "dispute-bands",
    "error",
    N_("争议分档按金额严格递增，只有最后一档不设上限"),
    why=N_(
        "争议按金额分档时，各档上限必须严格递增，且只有最后一档不设上限；否则有的金额同时落入两档，或超过最高上限的争议无处可诉。"
    ),
)
def dispute_bands(c: Contract) -> Finding:
    bands = c.model.disputes
    prev: Decimal | None = None
    for i, band in enumerate(bands):
        last = i == len(bands) - 1
        if band.up_to is None and not last:
            yield c.finding(
                ("disputes", i),
                _("第{n}档没有金额上限，但其后还有档位；只有最后一档可以不设上限").format(n=i + 1),
            )
        if band.up_to is not None and last:
            yield c.finding(
                ("disputes", i, "up_to"),
                _(
                    "最后一档设了上限 {up_to}，超过该金额的争议将无处可诉；最后一档应不写 up_to"
                ).format(up_to=money(band.up_to)),
            )
        if band.up_to is not None:
            if prev is not None and band.up_to <= prev:
                yield c.finding(
                    ("disputes", i, "up_to"),
                    _(
                        "第{n}档上限 {up_to} 不高于第{prev}档上限 {prev_up_to}，分档应按金额递增"
                    ).format(n=i + 1, up_to=money(band.up_to), prev=i, prev_up_to=money(prev)),
                    (("disputes", i - 1, "up_to"),),
                )
            prev = band.up_to


@SHARED.rule(
    "annexes-unique",
    "warning",
    N_("附件清单中不应有重复的附件"),
    why=N_("同一附件列出两次会让附件编号与正文引用对不上，也显得文书不严谨。"),
)
def annexes_unique(c: Contract) -> Finding:
    annexes = c.model.annexes
    for i, first in repeats(annexes):
        yield c.finding(
            ("annexes", i),
            _("附件“{name}”重复（另见第{other}项）").format(name=annexes[i], other=first + 1),
            (("annexes", first),),
        )


def _strings(data: Any, path: Path_ = ()) -> Any:
    """Yield (path, text) for every string of the plain spec data."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))
    elif isinstance(data, str):
        yield path, data


@SHARED.rule(
    "script-mismatch",
    "warning",
    N_(
        "规格中的文字与承诺函的字形一致：简体承诺函不含繁体文字，繁体承诺函中保持原样的名称不是简体"
    ),
    why=N_(
        "简体承诺函中夹杂繁体条款，或繁体承诺函中保持原样的名称、地址仍是简体，读起来像未经校对的拼凑稿。"
        "繁体承诺函会转换条款文字，但当事人名称、人名、地址、编号和书名号内的文件名称保持原样："
        "若它们以繁体登记，请以繁体填写；确属简体登记的名称可以保留。"
    ),
)
def script_mismatch(c: Contract) -> Finding:
    from . import script

    locale = script.canonical(c.model.locale)
    skip = {"template", "locale", "extends", "layout"}
    if not script.is_traditional(locale):
        for path, text in _strings(c.source.data):
            if path and path[0] not in skip and script.is_traditional_only(text):
                yield c.finding(
                    path,
                    _(
                        "“{text}”是繁体写法，而承诺函是简体（{locale}）；请改用简体，或把 locale 设为繁体"
                    ).format(text=_clip(text), locale=locale),
                )
        return
    kept = set(script.kept_values(c.model))
    found: dict[str, Path_] = {}  # each text once, at its first place
    for path, text in _strings(c.source.data):
        if text in kept and text not in found and script.is_simplified_only(text):
            found[text] = path
    if found:  # one finding for the letter: a mainland party's names are Simplified by right
        texts = list(found)
        shown = "、".join(f"“{_clip(t)}”" for t in texts[:3])
        if len(texts) > 3:
            shown += _("等 {count} 项").format(count=len(texts))
        yield c.finding(
            found[texts[0]],
            _(
                "{texts}在繁体承诺函（{locale}）中保持原样，仍是简体；"
                "若其登记名称为繁体，请以繁体填写"
            ).format(texts=shown, locale=locale),
            tuple(found[t] for t in texts[1:6]),
        )


def _clip(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# The legal-soundness rules (letters/legal.py) are shared rules too: listed after these.
SHARED.rules.extend(LEGAL)
