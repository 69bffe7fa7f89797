"""Declare the legal-soundness rules every letter kind shares: dispute forums and who is bound.

The consistency rules (``checks.py``) make sure the numbers agree; these make sure the clauses
would survive a lawyer's reading.  They read the ``disputes`` and ``signatories`` parts every
letter has, and they are warnings: the letter still renders, ``letters check --strict`` (or
``strict = true`` in ``[tool.letters]``) makes them fail.

A forum is free text (``提交杭州仲裁委员会``, ``向被告住所地人民法院提起诉讼``); :func:`forum_kind`
reads what it names.  The law behind each rule is quoted in its ``why``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .i18n import N_, _
from .rules import Finding, RuleSet

if TYPE_CHECKING:
    from .contract import Contract

LEGAL = RuleSet()

# A named arbitration institution: a place or a name, then 仲裁委员会 / 仲裁院 / 仲裁中心
# (中国国际经济贸易仲裁委员会, 北京仲裁委员会, 深圳国际仲裁院, 上海国际仲裁中心).
_INSTITUTION = re.compile(
    r"([\u4e00-\u9fff（）()A-Za-z]{2,}?)(?:国际)?(?:仲裁委员会|仲裁院|仲裁中心)"
)
# Words that stand where a name should: "双方共同认可的第三方仲裁机构", "有管辖权的仲裁委员会".
_NOT_A_NAME = (
    "第三方",
    "认可",
    "同意",
    "协商",
    "选定",
    "指定",
    "有管辖权",
    "所在地",
    "当地",
    "相关",
    "依法设立",
    "合法",
    "某",
)
# A body of the parties' own staff: these words describe people, not an institution.
_STAFF = (
    "总监",
    "经理",
    "主管",
    "负责人",
    "代表",
    "组成",
    "仲裁组",
    "仲裁小组",
    "工作组",
    "内部",
    "双方人员",
)
# The connecting points of 《民事诉讼法》第三十五条 (agreed jurisdiction), with the ways a
# letter names the parties' domiciles.
_CONNECTING = (
    "被告住所地",
    "原告住所地",
    "合同履行地",
    "合同签订地",
    "标的物所在地",
    "承诺方住所地",
    "接收方住所地",
    "我方住所地",
    "贵方住所地",
    "甲方住所地",
    "乙方住所地",
    "本承诺函签订地",
    "本承诺书签订地",
    "主协议签订地",
    "主协议履行地",
)
# A specific court: 杭州市西湖区人民法院, 北京市第一中级人民法院, 上海金融法院, 杭州互联网法院.
_COURT = re.compile(
    r"[\u4e00-\u9fff]{2,}(?:省|市|区|县|自治州|盟)[\u4e00-\u9fff]*法院|[\u4e00-\u9fff]{2,}(?:金融|互联网|知识产权|海事)法院"
)


def is_arbitration(forum: str) -> bool:
    """Return True if *forum* sends the dispute to arbitration (or calls itself so)."""
    return "仲裁" in forum or "裁决" in forum


def is_court(forum: str) -> bool:
    """Return True if *forum* sends the dispute to a court."""
    return "法院" in forum or "诉讼" in forum or "起诉" in forum


def is_staff_body(forum: str) -> bool:
    """Return True if *forum* is a body of the parties' own people rather than an institution."""
    return any(w in forum for w in _STAFF)


def named_institution(forum: str) -> str | None:
    """Return the arbitration institution *forum* names, or None if it names none."""
    for m in _INSTITUTION.finditer(forum):
        name = m.group(0)
        if not any(w in name for w in _NOT_A_NAME):
            return name.removeprefix("提交").removeprefix("由")
    return None


def names_venue(forum: str) -> bool:
    """Return True if a court *forum* names a connecting point or a specific court."""
    return (
        any(p in forum for p in _CONNECTING)
        or bool(_COURT.search(forum))
        or "有管辖权的人民法院" in forum
    )


def _forums(c: Contract) -> list[tuple[int, str]]:
    return [(i, band.forum) for i, band in enumerate(c.model.disputes)]


@LEGAL.rule(
    "forum-arbitration-body",
    "warning",
    N_("约定仲裁的，须写明具体的仲裁委员会"),
    why=N_(
        "仲裁协议必须有“选定的仲裁委员会”（《仲裁法》第十六条，2026年3月1日起施行的修订后仲裁法保留这一要件）；只写“双方认可的第三方仲裁机构”而未选定的，除非事后达成补充协议，仲裁协议无效（原《仲裁法》第十八条）。写明如“杭州仲裁委员会”。"
    ),
)
def forum_arbitration_body(c: Contract) -> Finding:
    for i, forum in _forums(c):
        if is_arbitration(forum) and not is_staff_body(forum) and named_institution(forum) is None:
            yield c.finding(
                ("disputes", i, "forum"),
                _(
                    "“{forum}”没有写明具体的仲裁委员会；仲裁协议须选定仲裁机构，如“杭州仲裁委员会”"
                ).format(forum=forum),
            )


@LEGAL.rule(
    "forum-internal-body",
    "warning",
    N_("当事人自己人员组成的机构不得称为“仲裁”或“裁决”"),
    why=N_(
        "仲裁只能由依《仲裁法》设立的仲裁委员会进行；由一方的总监、经理组成的小组作出的“裁决”对谁都没有约束力，称之为仲裁还会误导对方，作为格式条款也可能因不合理地限制对方主要权利而被主张无效（《民法典》第四百九十七条）。这样的小组可以作为正式争议解决之前的协商升级步骤，写成如“由双方指定的负责人协商处理”。"
    ),
)
def forum_internal_body(c: Contract) -> Finding:
    for i, forum in _forums(c):
        if is_arbitration(forum) and is_staff_body(forum) and named_institution(forum) is None:
            yield c.finding(
                ("disputes", i, "forum"),
                _(
                    "“{forum}”由当事人自己的人员组成，不是仲裁；请改为协商步骤，或改为提交具体的仲裁委员会"
                ).format(forum=forum),
            )


@LEGAL.rule(
    "forum-court-venue",
    "warning",
    N_("约定法院管辖的，须写明《民事诉讼法》第三十五条的连结点或具体法院"),
    why=N_(
        "协议管辖只能选择被告住所地、合同履行地、合同签订地、原告住所地、标的物所在地等与争议有实际联系的地点的人民法院（《民事诉讼法》第三十五条）。“服务所在地人民法院”不是其中之一，服务区域为一个省时更指不出哪一家法院。写明如“被告住所地人民法院”或“杭州市西湖区人民法院”。"
    ),
)
def forum_court_venue(c: Contract) -> Finding:
    for i, forum in _forums(c):
        if is_court(forum) and not is_arbitration(forum) and not names_venue(forum):
            yield c.finding(
                ("disputes", i, "forum"),
                _(
                    "“{forum}”没有写明管辖法院：应为被告住所地、合同履行地、合同签订地、原告住所地或标的物所在地的人民法院，或写明具体法院"
                ).format(forum=forum),
            )


@LEGAL.rule(
    "forum-either",
    "warning",
    N_("同一争议不得既可仲裁又可诉讼（或裁或诉）"),
    why=N_(
        "约定争议既可以申请仲裁也可以向法院起诉的，仲裁协议无效（《最高人民法院关于适用〈中华人民共和国仲裁法〉若干问题的解释》第七条）。按争议金额把仲裁与诉讼分档，金额又由提出请求的一方决定，同样会被主张为或裁或诉。请只选一种：仲裁或诉讼。"
    ),
)
def forum_either(c: Contract) -> Finding:
    forums = _forums(c)
    for i, forum in forums:
        if is_arbitration(forum) and is_court(forum) and not is_staff_body(forum):
            yield c.finding(
                ("disputes", i, "forum"),
                _("“{forum}”既约定仲裁又约定诉讼，仲裁协议可能因此无效").format(forum=forum),
            )
    arbitration = [i for i, forum in forums if is_arbitration(forum) and not is_court(forum)]
    court = [i for i, forum in forums if is_court(forum) and not is_arbitration(forum)]
    if arbitration and court:
        for i in court:
            yield c.finding(
                ("disputes", i, "forum"),
                _("争议按金额分别提交仲裁与法院，构成或裁或诉，仲裁协议可能因此无效；请只选一种"),
                tuple(("disputes", j, "forum") for j in arbitration),
            )


@LEGAL.rule(
    "forum-amount-bands",
    "warning",
    N_("按争议金额分档确定争议解决方式的，金额由请求方决定，易生管辖争议"),
    why=N_(
        "“争议金额”在起诉或申请仲裁之前并不确定，由提出请求的一方决定：拆分或合并请求就能改变去处，对方随即提出管辖异议，争议先要为“去哪里解决”打一轮官司。一个争议解决方式更稳妥；确需分流的，用协商时限区分，而不是改变机构。"
    ),
)
def forum_amount_bands(c: Contract) -> Finding:
    bands = c.model.disputes
    if len(bands) > 1 and len({b.forum for b in bands}) > 1:
        yield c.finding(
            ("disputes", 0, "forum"),
            _(
                "争议按金额分为 {n} 档、适用不同的解决方式；争议金额由请求方决定，建议只约定一种争议解决方式"
            ).format(n=len(bands)),
            tuple(("disputes", i, "forum") for i in range(1, len(bands))),
        )


@LEGAL.rule(
    "one-sided-binding",
    "warning",
    N_("只由承诺方签署的函，不能约束接收方的争议解决方式"),
    why=N_(
        "承诺函只由承诺方签署时，是承诺方单方的意思表示，约束不了接收方：仲裁协议须双方书面同意（《仲裁法》第十六条），协议管辖也须双方约定（《民事诉讼法》第三十五条）。要么让接收方也签署（签署人中加入 party: client 的签署人，函末出现接收方确认栏），要么删去 disputes，让争议依主协议约定的方式解决。"
    ),
)
def one_sided_binding(c: Contract) -> Finding:
    spec = c.model
    if spec.disputes and not spec.both_sign:
        yield c.finding(
            ("disputes", 0, "forum"),
            _(
                "本函只由承诺方签署，争议解决条款约束不了接收方；请加入接收方签署人（party: client）或接收方确认（acknowledgement: true），或删去 disputes 以依主协议约定解决争议"
            ),
            (*(("disputes", i, "forum") for i in range(1, len(spec.disputes))), ("signatories",)),
        )
