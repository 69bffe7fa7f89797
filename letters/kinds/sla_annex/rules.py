"""Declare the consistency rules of the 服务水平协议 annexed to a main agreement (``sla-annex``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...i18n import N_, _
from ...rules import Finding, RuleSet, example, money, repeats
from .model import SlaAnnexSpec
from .terms import free_texts, normal, references, template_terms, unbalanced

if TYPE_CHECKING:
    from ...contract import Contract

RULES = RuleSet("sla-annex")


def _m(c: Contract) -> SlaAnnexSpec:
    assert isinstance(c.model, SlaAnnexSpec)
    return c.model


def _defined(spec: SlaAnnexSpec) -> dict[str, int]:
    """Return {term: index of its first definition}."""
    out: dict[str, int] = {}
    for i, d in enumerate(spec.definitions):
        out.setdefault(normal(d.term), i)
    return out


@RULES.rule(
    "defined-term-missing",
    "error",
    N_("正文使用的术语必须在“术语与定义”中定义；「」标记须成对"),
    why=N_(
        "附件的服务可用性、服务中断、故障响应时间、修复时间等条款只写数字，含义全凭“术语与定义”一节；正文（或另一条释义）引用了却没有定义的术语，双方各按各的理解计算，违约是否成立就说不清。规格的文字中用「术语」标记对已定义术语的引用，letters 据此核对；标记不成对时无法判断引用的是什么。"
    ),
    example=example(("  - term: 修复时间\n", "  - term: 恢复时间\n")),
)
def defined_term_missing(c: Contract) -> Finding:
    spec = _m(c)
    defined = _defined(spec)
    for term, path, required in template_terms(spec):
        if required and term not in defined:
            yield c.finding(
                path,
                _("正文使用术语“{term}”，但“术语与定义”中没有它的定义").format(term=term),
                (("definitions",),),
            )
    for path, text in free_texts(spec):
        if unbalanced(text):
            yield c.finding(path, _("「」标记不成对或为空：每个被引用的术语都应写作「术语」"))
        for term in references(text):
            if term and term not in defined:
                yield c.finding(
                    path,
                    _("引用了术语「{term}」，但“术语与定义”中没有它的定义").format(term=term),
                    (("definitions",),),
                )


@RULES.rule(
    "defined-term-unused",
    "warning",
    N_("“术语与定义”中定义的每个术语都应在正文中使用"),
    why=N_(
        "定义了却从不使用的术语，要么是条款漏写了，要么是从别的合同抄来的多余定义；多余的定义会让人以为某项义务存在，而正文并没有约定它。"
    ),
    example=example(
        (
            "  - term: 技术支持\n",
            "  - term: 服务水平\n    text: 本承诺书约定的各项服务指标\n  - term: 技术支持\n",
        )
    ),
)
def defined_term_unused(c: Contract) -> Finding:
    spec = _m(c)
    used = {term for term, _path, _required in template_terms(spec)}
    for path, text in free_texts(spec):
        index = path[1] if path[0] == "definitions" else None
        own = normal(spec.definitions[index].term) if isinstance(index, int) else None
        used.update(t for t in references(text) if t != own)
    seen: set[str] = set()
    for i, d in enumerate(spec.definitions):
        term = normal(d.term)
        if term not in used and term not in seen:
            yield c.finding(
                ("definitions", i, "term"),
                _(
                    "术语“{term}”已定义，但正文没有使用它；请在条款中以「{term}」引用，或删去该定义"
                ).format(term=term),
            )
        seen.add(term)


@RULES.rule(
    "defined-term-duplicate",
    "error",
    N_("同一术语只能定义一次"),
    why=N_(
        "同一术语有两条释义时，两条释义往往不完全一致，而正文的每一次使用都可以按对自己有利的一条解释。"
    ),
    example=example(("  - term: 技术支持\n", "  - term: 服务中断\n")),
)
def defined_term_duplicate(c: Contract) -> Finding:
    spec = _m(c)
    first = _defined(spec)
    for i, d in enumerate(spec.definitions):
        term = normal(d.term)
        if first[term] != i:
            yield c.finding(
                ("definitions", i, "term"),
                _("术语“{term}”重复定义（另见第{other}条释义）").format(
                    term=term, other=first[term] + 1
                ),
                (("definitions", first[term], "term"),),
            )


@RULES.rule(
    "response-before-repair",
    "error",
    N_("每个故障级别的故障响应时间必须短于修复时间"),
    why=N_(
        "响应是开始处理，修复是处理完毕、服务恢复；修复时限不长于响应时限时，响应这一承诺就没有意义，两项时限的起算点（报告时与发生时）不同更会让人误以为可以先修复再响应。"
    ),
    example=example(("    repair: 4h", "    repair: 10min")),
)
def response_before_repair(c: Contract) -> Finding:
    for i, s in enumerate(_m(c).severities):
        if s.response.seconds >= s.repair.seconds:
            yield c.finding(
                ("severities", i, "repair"),
                _("{level}级的修复时间 {repair} 不长于故障响应时间 {response}").format(
                    level=s.level, repair=s.repair.text(), response=s.response.text()
                ),
                (("severities", i, "response"),),
            )


@RULES.rule(
    "severity-ladder",
    "error",
    N_("故障级别从重到轻排列，代号不重复；级别越轻，故障响应时间与修复时间不得越短"),
    why=N_(
        "故障级别越严重，对业务的影响越大，响应与修复就应越快；较轻级别的时限比较重级别还短，会让重大故障排在小问题之后处理。级别代号在正文与服务报告中被引用，不能重复。"
    ),
    example=example(("    response: 30min", "    response: 5min")),
)
def severity_ladder(c: Contract) -> Finding:
    sev = _m(c).severities
    if not sev:
        yield c.finding(("severities",), _("至少需要一个故障级别"))
        return
    for i, first in repeats(s.level for s in sev):
        yield c.finding(
            ("severities", i, "level"),
            _("故障级别代号“{level}”重复（另见第{other}级）").format(
                level=sev[i].level, other=first + 1
            ),
            (("severities", first, "level"),),
        )
    for i in range(1, len(sev)):
        graver, s = sev[i - 1], sev[i]
        for key, what in (("response", N_("故障响应时间")), ("repair", N_("修复时间"))):
            mine, theirs = getattr(s, key), getattr(graver, key)
            if mine.seconds < theirs.seconds:
                yield c.finding(
                    ("severities", i, key),
                    _(
                        "{level}级的{what} {mine} 短于更严重的{graver}级的 {theirs}；级别应从重到轻排列，时限随之不缩短"
                    ).format(
                        level=s.level,
                        what=_(what),
                        mine=mine.text(),
                        graver=graver.level,
                        theirs=theirs.text(),
                    ),
                    (("severities", i - 1, key),),
                )


@RULES.rule(
    "availability-ceiling",
    "error",
    N_("服务可用性承诺值必须低于 100%"),
    why=N_(
        "可用性 100% 意味着每个考核周期允许的服务中断时间为零：任何一次中断，哪怕一秒，都构成违约，附件按实际天数计算的中断时间上限也就无从谈起。承诺值应为 99.x% 这样的数字。"
    ),
    example=example(("  target: 99.9%", "  target: 100%")),
)
def availability_ceiling(c: Contract) -> Finding:
    target = _m(c).availability.target
    if target.value >= 100:
        yield c.finding(
            ("availability", "target"),
            _("可用性承诺值 {target} 不允许任何服务中断；请改为低于 100% 的值").format(
                target=target
            ),
        )


_WINDOW = {"month": N_("自然月"), "quarter": N_("自然季度"), "year": N_("服务年度")}


@RULES.rule(
    "credit-window",
    "error",
    N_("可用性违约金的计算周期必须与可用性的考核周期一致"),
    why=N_(
        "可用性按一个周期考核、违约金却按另一个周期的服务费计算时，某个月是否违约、违约金以哪期服务费为基数都无法确定（例如按年度考核却按当月服务费计）。"
    ),
    example=example(("  period: month", "  period: quarter")),
)
def credit_window(c: Contract) -> Finding:
    spec = _m(c)
    cr = spec.credits
    if cr is not None and cr.period != spec.availability.window:
        yield c.finding(
            ("credits", "period"),
            _("违约金按{period}计算，而服务可用性按{window}考核；两者应一致").format(
                period=_(_WINDOW[cr.period]), window=_(_WINDOW[spec.availability.window])
            ),
            (("availability", "window"),),
        )


@RULES.rule(
    "credit-ladder",
    "error",
    N_("违约金档位从承诺值起依次降低，比例依次提高；年度上限容得下最高一档"),
    why=N_(
        "第一档应从可用性承诺值起算：高于承诺值起算，达标的服务也要付违约金；低于承诺值起算，未达标的一段没有违约责任。可用性越低，违约金比例应越高；每一服务年度的累计上限低于最高一档一个考核周期的违约金时，那一档从来无法足额适用。"
    ),
    example=example(("    rate: 10%", "    rate: 3%")),
)
def credit_ladder(c: Contract) -> Finding:
    spec = _m(c)
    cr = spec.credits
    if cr is None:
        return
    tiers = cr.tiers
    if not tiers:
        yield c.finding(("credits", "tiers"), _("至少需要一个违约金档位"))
        return
    target = spec.availability.target
    if tiers[0].below.value != target.value:
        yield c.finding(
            ("credits", "tiers", 0, "below"),
            _("第一档从可用性低于 {below} 起算，而承诺值是 {target}；第一档应从承诺值起算").format(
                below=tiers[0].below, target=target
            ),
            (("availability", "target"),),
        )
    for i in range(1, len(tiers)):
        a, b = tiers[i - 1], tiers[i]
        if b.below.value >= a.below.value:
            yield c.finding(
                ("credits", "tiers", i, "below"),
                _(
                    "第{n}档的可用性界限 {below} 不低于第{prev}档的 {prev_below}；档位应依次降低"
                ).format(n=i + 1, below=b.below, prev=i, prev_below=a.below),
                (("credits", "tiers", i - 1, "below"),),
            )
        if b.rate.value <= a.rate.value:
            yield c.finding(
                ("credits", "tiers", i, "rate"),
                _(
                    "第{n}档的违约金比例 {rate} 不高于第{prev}档的 {prev_rate}；可用性越低，比例应越高"
                ).format(n=i + 1, rate=b.rate, prev=i, prev_rate=a.rate),
                (("credits", "tiers", i - 1, "rate"),),
            )
    top = max(range(len(tiers)), key=lambda i: tiers[i].rate.value)
    fig = c.figures  # the amounts the letter prints
    if fig.cap_amount is not None and fig.cap_amount < fig.credits[top].amount:
        yield c.finding(
            ("credits", "cap"),
            _(
                "每一服务年度的违约金上限 {cap}（年度服务费的 {rate}）低于最高一档一个考核周期的违约金 {amount}，该档无法足额适用"
            ).format(cap=money(fig.cap_amount), rate=cr.cap, amount=money(fig.credits[top].amount)),
            (("credits", "tiers", top, "rate"),),
        )


# Words that name a party in Chinese agreements: a label that is not configured must not
# appear in the spec's own text, or the letter would name one party two ways.
_PARTY_WORDS = (
    "服务提供方",
    "服务接受方",
    "服务提供者",
    "服务接受者",
    "承诺方",
    "接收方",
    "甲方",
    "乙方",
    "委托方",
    "受托方",
    "采购方",
    "供应方",
    "我方",
    "贵方",
)


@RULES.rule(
    "party-labels",
    "error",
    N_("双方的称谓不得相同或互相包含，文字中只用所设的称谓"),
    why=N_(
        "附件以称谓（默认“服务提供方”“服务接受方”）指代双方；两个称谓相同或一个包含另一个，条款就指不清是哪一方。规格中自己写的文字（释义、认定标准、配合事项等）若用了另一套称谓（如“甲方”“接收方”），同一当事人在文书里就有了两个名字。"
    ),
    example=example(("  client: 服务接受方", "  client: 服务提供方")),
)
def party_labels(c: Contract) -> Finding:
    spec = _m(c)
    lab = spec.party_labels
    provider, client = (lab.provider, lab.client) if lab else ("服务提供方", "服务接受方")
    if lab is not None and (provider in client or client in provider):
        yield c.finding(
            ("party_labels", "client"),
            _("双方的称谓“{provider}”与“{client}”相同或互相包含，条款将指不清是哪一方").format(
                provider=provider, client=client
            ),
            (("party_labels", "provider"),),
        )
        return
    for path, text in free_texts(spec):
        rest = text.replace(provider, "\0").replace(client, "\0")
        for word in _PARTY_WORDS:
            if word in rest:
                yield c.finding(
                    path,
                    _(
                        "文字中用了“{word}”，而本文书称双方为“{provider}”“{client}”；请统一称谓"
                    ).format(word=word, provider=provider, client=client),
                )
                break


@RULES.rule(
    "annex-forum",
    "error",
    N_("附件不另设争议解决方式，争议依主协议的争议解决条款解决"),
    why=N_(
        "服务水平协议是主协议不可分割的组成部分。附件另设的争议解决条款与主协议不同，一份合同就有两个争议解决机构，同一争议该去哪里无从确定；与主协议相同，也只是多余的重复，主协议日后修改争议条款时二者又会分离。本文书因此只写“按照主协议约定的争议解决方式解决”，不印 disputes；写了却不印，会让人以为约定了另一种方式，所以报错而不是提醒。请删去 disputes，在主协议中约定争议解决方式。"
    ),
    example=example(("signatories: ", "disputes:\n  - forum: 杭州仲裁委员会\n\nsignatories: ")),
)
def annex_forum(c: Contract) -> Finding:
    bands = _m(c).disputes
    if bands:
        yield c.finding(
            ("disputes",),
            _(
                "写了争议解决方式“{forum}”，而本服务水平协议是主协议的组成部分，争议依主协议的争议解决条款解决，该项不会印出；请删去 disputes"
            ).format(forum="”“".join(b.forum for b in bands)),
            tuple(("disputes", i, "forum") for i in range(len(bands))),
        )


# How a text may name the document itself: the letter calls itself 本服务水平协议.
_SELF = "本服务水平协议"
_SELF_WORDS = ("本承诺书", "本承诺函", "本附件", "本协议", "本合同", "本SLA")


@RULES.rule(
    "annex-self-name",
    "warning",
    N_("规格文字称本文书时用“本服务水平协议”"),
    why=N_(
        "本文书通篇自称“本服务水平协议”，以免与“主协议”混淆。释义、认定标准、配合事项等文字若写“本承诺书”“本协议”“本附件”，读者不知所指是本服务水平协议还是主协议，例如“按本协议约定提前通知”可以读作依主协议的通知条款。"
    ),
    example=example(
        ("服务提供方事先安排并按本服务水平协议约定", "服务提供方事先安排并按本协议约定")
    ),
)
def annex_self_name(c: Contract) -> Finding:
    for path, text in free_texts(_m(c)):
        rest = text.replace(_SELF, "\0")
        for word in _SELF_WORDS:
            if word in rest:
                yield c.finding(
                    path,
                    _(
                        "文字中用了“{word}”称本文书；本文书自称“{name}”，请改为“{name}”（指主协议的，写“主协议”）"
                    ).format(word=word, name=_SELF),
                )
                break
