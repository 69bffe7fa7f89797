"""Declare the consistency rules of the 项目服务水平连续性承诺书 (``project``)."""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING

from ...i18n import N_, _
from ...rules import Finding, RuleSet, example
from ...units import Duration
from .figures import whole_days
from .model import ProjectSpec

if TYPE_CHECKING:
    from ...contract import Contract
    from ...diagnostics import Path_

RULES = RuleSet("project")

_STAGES = (
    ("preparation", N_("前期准备")),
    ("implementation", N_("实施过程")),
    ("evaluation", N_("后期评估")),
)


def _m(c: Contract) -> ProjectSpec:
    assert isinstance(c.model, ProjectSpec)
    return c.model


@RULES.rule(
    "project-period",
    "error",
    N_("项目启动日早于服务结束日；承诺生效日不早于出具日期、早于项目启动日"),
    why=N_(
        "项目的三个阶段都以启动日和结束日划分：结束日不晚于启动日，实施期就不存在；承诺在出具之前生效，或者到项目启动之日才生效，前期准备阶段的承诺（启动前组建团队、完成SLA与培训）就落了空。"
    ),
    example=example(("effective: 2027-02-01", "effective: 2027-03-15")),
)
def project_period(c: Contract) -> Finding:
    m = _m(c)
    p = m.project
    if p.end <= p.start:
        yield c.finding(
            ("project", "end"),
            _("服务结束日 {end} 不晚于项目启动日 {start}，项目没有实施期").format(
                end=p.end, start=p.start
            ),
            (("project", "start"),),
        )
    if m.effective < m.letter.date:
        yield c.finding(
            ("effective",),
            _("承诺生效日 {effective} 早于出具日期 {date}").format(
                effective=m.effective, date=m.letter.date
            ),
            (("letter", "date"),),
        )
    if m.effective >= p.start:
        yield c.finding(
            ("effective",),
            _("承诺生效日 {effective} 不早于项目启动日 {start}，前期准备的承诺无从适用").format(
                effective=m.effective, start=p.start
            ),
            (("project", "start"),),
        )


@RULES.rule(
    "gate-dates",
    "error",
    N_("各阶段节点的完成期限依次不早于前一节点，并落在本阶段的期间内"),
    why=N_(
        "节点是阶段的检查点：前期准备的节点须晚于承诺生效日、早于项目启动日，实施过程的节点须在项目实施期内，后期评估的节点须在服务结束之后、评估报告最迟完成之日以前。节点落在生效当日，承诺书一生效即已到期，签署稍有推迟承诺方就当日违约；节点倒序或落在阶段之外，承诺就无法按约履行，多半是日期写错了。"
    ),
    example=example(("by: 2027-02-26", "by: 2027-03-05")),
)
def gate_dates(c: Contract) -> Finding:
    m = _m(c)
    p = m.project
    due = c.figures.evaluation_due
    for key, label in _STAGES:
        stage = getattr(m, key)
        prev: tuple[int, _dt.date] | None = None
        for i, duty in enumerate(stage.must):
            if duty.by is None:
                continue
            path: Path_ = (key, "must", i, "by")
            if prev is not None and duty.by < prev[1]:
                yield c.finding(
                    path,
                    _(
                        "{stage}第{n}项的完成期限 {by} 早于前一节点（第{prev}项）的 {prev_by}"
                    ).format(
                        stage=_(label), n=i + 1, by=duty.by, prev=prev[0] + 1, prev_by=prev[1]
                    ),
                    ((key, "must", prev[0], "by"),),
                )
            prev = (i, duty.by)
            if key == "preparation":
                if duty.by <= m.effective:
                    yield c.finding(
                        path,
                        _(
                            "前期准备节点 {by} 不晚于承诺生效日 {effective}：承诺书生效之日该事项即已到期，请留出完成的时间"
                        ).format(by=duty.by, effective=m.effective),
                        (("effective",),),
                    )
                if duty.by >= p.start:
                    yield c.finding(
                        path,
                        _(
                            "前期准备节点 {by} 不早于项目启动日 {start}：该事项须在项目启动前完成"
                        ).format(by=duty.by, start=p.start),
                        (("project", "start"),),
                    )
            elif key == "implementation":
                if not p.start <= duty.by <= p.end:
                    yield c.finding(
                        path,
                        _("实施过程节点 {by} 不在项目实施期 {start} 至 {end} 之内").format(
                            by=duty.by, start=p.start, end=p.end
                        ),
                        (("project", "start"), ("project", "end")),
                    )
            elif not p.end < duty.by <= due:
                yield c.finding(
                    path,
                    _(
                        "后期评估节点 {by} 不在服务结束日 {end} 之后、评估报告最迟完成之日 {due} 以前"
                    ).format(by=duty.by, end=p.end, due=due),
                    (("project", "end"), ("evaluation", "within")),
                )


@RULES.rule(
    "incident-recovery",
    "error",
    N_("启动应急响应的时限须短于完成初步恢复措施的时限"),
    why=N_(
        "两个时限自同一时点（接收方报告或者承诺方监测发现服务中断、功能劣化之时，以较早者为准）起算：先启动应急响应，才谈得上完成初步恢复。启动时限不短于恢复时限，恢复承诺要么与启动同时到期，要么先于启动到期，两者无法同时兑现。"
    ),
    example=example(("  initial_recovery: 4h", "  initial_recovery: 1h")),
)
def incident_recovery(c: Contract) -> Finding:
    inc = _m(c).implementation.incident
    if inc.initial_recovery.seconds <= inc.response.seconds:
        yield c.finding(
            ("implementation", "incident", "initial_recovery"),
            _("完成初步恢复措施的时限 {recovery} 不长于启动应急响应的时限 {response}").format(
                recovery=inc.initial_recovery.text(), response=inc.response.text()
            ),
            (("implementation", "incident", "response"),),
        )


@RULES.rule(
    "project-drill-count",
    "error",
    N_("演练周期以日计，且不得长于项目实施期：实施期内至少演练一次"),
    why=N_(
        "“每若干日演练一次”自项目启动日起按周期计算，各次演练的最迟完成日期由此算出并写入承诺书；周期以工作日或不足一日的单位计时算不出日期。周期长于整个实施期时，一次演练也不必开展，演练承诺形同虚设。"
    ),
    example=example(("interval: 90d", "interval: 400d")),
)
def project_drill_count(c: Contract) -> Finding:
    m = _m(c)
    interval = m.implementation.drills.interval
    path: Path_ = ("implementation", "drills", "interval")
    if interval.amount <= 0:
        return  # the shared rule "positive" reports it
    days = whole_days(interval)
    if days is None:
        yield c.finding(
            path,
            _(
                "演练周期 {interval} 不是整日数，算不出各次演练的最迟完成日期；请以日计，如 90d"
            ).format(interval=interval.text()),
        )
        return
    total = c.figures.implementation_days
    if total > 0 and days > total:
        yield c.finding(
            path,
            _(
                "演练周期 {interval} 长于项目实施期 {days} 日（{start} 至 {end}），实施期内一次演练也不必开展"
            ).format(
                interval=interval.text(), days=total, start=m.project.start, end=m.project.end
            ),
            (("project", "start"), ("project", "end")),
        )


@RULES.rule(
    "evaluation-deadline",
    "error",
    N_("评估期限与备案期限以整日计，评估报告最迟完成之日在服务结束日之后"),
    why=N_(
        "“服务结束后若干日内完成评估”依《民法典》第二百零一条自结束日的次日起算，评估报告的最迟完成之日、备案的最迟日期都由此算出并写入承诺书。以工作日或小时计的期限算不出确定的日期；不足一日的期限让评估在服务结束当天就到期，评估无从进行。"
    ),
    example=example(("within: 30d", "within: 12h")),
)
def evaluation_deadline(c: Contract) -> Finding:
    ev = _m(c).evaluation
    checks: list[tuple[Path_, Duration]] = [(("evaluation", "within"), ev.within)]
    if ev.filing is not None:
        checks.append((("evaluation", "filing", "within"), ev.filing.within))
    for path, d in checks:
        if d.amount <= 0:
            continue  # the shared rule "positive" reports it
        if whole_days(d) is None:
            if path[-2] == "filing":
                msg = _(
                    "备案期限 {within} 不是整日数，算不出备案的最迟日期；请以日计，如 10d"
                ).format(within=d.text())
            else:
                msg = _(
                    "评估期限 {within} 不是整日数，评估报告的最迟完成之日须在服务结束日之后；请以日计，如 30d"
                ).format(within=d.text())
            yield c.finding(path, msg)


_PUNCT = re.compile(r"[\s，,。．.；;：:、！!？?“”\"'‘’（）()]")


def _key(text: str) -> str:
    """Return *text* without spaces and punctuation, for comparing two duties."""
    return _PUNCT.sub("", text)


@RULES.rule(
    "must-forbid-conflict",
    "error",
    N_("同一事项不得既列为“必须”又列为“严禁”"),
    why=N_(
        "承诺书用“必须”列出应做的事、用“严禁”列出不得做的事；同一事项出现在两张清单上，无论做与不做都违反承诺，条款自相矛盾。多半是把“严禁不做某事”写成了“严禁某事”。"
    ),
    example=example(
        ("  - 删除、篡改监控日志及工单记录", "  - 建立实时监控机制，对关键服务指标进行不间断监测")
    ),
)
def must_forbid_conflict(c: Contract) -> Finding:
    m = _m(c)
    musts: dict[str, tuple[Path_, str]] = {}
    for key, label in _STAGES:
        for i, duty in enumerate(getattr(m, key).must):
            musts.setdefault(_key(duty.text), ((key, "must", i, "text"), _(label)))
    for key, label in _STAGES:
        for i, text in enumerate(getattr(m, key).forbid):
            hit = musts.get(_key(text))
            if hit is not None:
                yield c.finding(
                    (key, "forbid", i),
                    _("“{text}”列为{stage}的严禁事项，又列为{other}的必须事项").format(
                        text=text, stage=_(label), other=hit[1]
                    ),
                    (hit[0],),
                )


# A prohibition that is itself negative: an optional leading “在……期间/时/前/后”, then 不, 没有
# or 未 (but not 未经: “未经接收方书面同意，向第三方提供……” is a proper prohibition).
_NEGATIVE = re.compile(
    r"^(?:在[^，,；;]{0,40}?(?:期间|之时|时|之前|以前|前|之后|以后|后)[，,]?)?(?:未(?!经)|不|没有)"
)


@RULES.rule(
    "forbid-negative",
    "warning",
    N_("严禁事项不写成否定式：应做的事列为必须事项"),
    why=N_(
        "严禁事项在正文中写作“承诺方不得……”。事项本身又以“不”“未”开头，就成了“不得在服务中断期间不按应急预案处置”“不得未按期提交评估报告”这样的双重否定：读者要反复推敲才明白这是一项应做的义务，何时违约（没做、做晚了还是做得不全）也不清楚。应做的事列为必须事项，正文写作“承诺方应当……”，有期限的写明期限。"
    ),
    example=example(("  - 删除、篡改监控日志及工单记录", "  - 在服务中断期间不按应急预案处置")),
)
def forbid_negative(c: Contract) -> Finding:
    m = _m(c)
    for key, label in _STAGES:
        for i, text in enumerate(getattr(m, key).forbid):
            if _NEGATIVE.match(text.strip()):
                yield c.finding(
                    (key, "forbid", i),
                    _(
                        "{stage}的严禁事项“{text}”是否定式，正文读作“承诺方不得{text}”，是双重否定；请把应做的事列为必须事项（正文读作“承诺方应当……”）"
                    ).format(stage=_(label), text=text.strip().rstrip("。；;")),
                )
