"""Declare the consistency rules of the 工作保障承诺书 (``work-assurance``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...i18n import N_, _
from ...rules import Finding, RuleSet, example, repeats
from .figures import CADENCES, MAX_WEEKLY_HOURS, WEEK_HOURS, fits, rank, rota_size
from .model import Recurring, WorkAssuranceSpec, duties

if TYPE_CHECKING:
    from ...contract import Contract

RULES = RuleSet("work-assurance")

_DAY = 86400  # seconds


def _m(c: Contract) -> WorkAssuranceSpec:
    assert isinstance(c.model, WorkAssuranceSpec)
    return c.model


def _every(cadence: str) -> str:
    return _(CADENCES[cadence][1])


@RULES.rule(
    "assurance-period",
    "error",
    N_("保障期截止日不早于起始日；出具日期不晚于保障期截止日"),
    why=N_(
        "保障期是全部承诺的履行期间：截止日早于起始日，或承诺书在保障期结束后才出具，承诺就没有可以履行的期间，通常是年份写错了。"
    ),
    example=example(("  end: 2027-12-31", "  end: 2026-12-31")),
)
def assurance_period(c: Contract) -> Finding:
    m = _m(c)
    w = m.work
    if w.end < w.start:
        yield c.finding(
            ("work", "end"),
            _("保障期截止日 {end} 早于起始日 {start}").format(end=w.end, start=w.start),
            (("work", "start"),),
        )
    if m.letter.date > w.end:
        yield c.finding(
            ("letter", "date"),
            _("出具日期 {date} 晚于保障期截止日 {end}，承诺已无从履行").format(
                date=m.letter.date, end=w.end
            ),
            (("work", "end"),),
        )


@RULES.rule(
    "cadence-fits-period",
    "error",
    N_("定期事项的周期不得长于保障期"),
    why=N_(
        "“每季度至少一次”要求保障期至少容纳一个完整的季度；保障期比周期还短时，该事项在保障期内的次数和完成期限都无从计算，承诺形同虚设（如保障期半年却承诺“每年更新保障方案”）。"
    ),
    example=example(("  end: 2027-12-31", "  end: 2027-03-31")),
)
def cadence_fits_period(c: Contract) -> Finding:
    m = _m(c)
    w = m.work
    if w.end < w.start:
        return  # assurance-period says so
    days = (w.end - w.start).days + 1
    for path, title, part in duties(m):
        if isinstance(part, Recurring) and not fits(w.start, w.end, part.every):
            yield c.finding(
                (*path, "every"),
                _("{title}的频次为{every}，但保障期只有 {days} 日，容纳不下一个完整周期").format(
                    title=_(title), every=_every(part.every), days=days
                ),
                (("work", "start"), ("work", "end")),
            )


@RULES.rule(
    "drill-cadence-order",
    "warning",
    N_("备份恢复演练不少于压力测试，压力测试不少于保障方案更新"),
    why=N_(
        "恢复演练验证每一份备份能否用得上，压力测试验证系统的承载极限，保障方案更新吸收前两者发现的问题：演练比压力测试还稀、或压力测试比方案更新还稀时，方案更新时就没有足够的测试结果可依据，需要确认是否有意为之。"
    ),
    example=example(
        ("    every: week                    # 每周", "    every: half_year               # 每半年")
    ),
)
def drill_cadence_order(c: Contract) -> Finding:
    m = _m(c)
    drill, stress, review = m.technical.restore_drill, m.technical.stress_test, m.supervision.review
    if rank(drill.every) > rank(stress.every):
        yield c.finding(
            ("technical", "restore_drill", "every"),
            _("备份恢复演练{drill}一次，比压力测试（{stress}一次）还少").format(
                drill=_every(drill.every), stress=_every(stress.every)
            ),
            (("technical", "stress_test", "every"),),
        )
    if rank(stress.every) > rank(review.every):
        yield c.finding(
            ("technical", "stress_test", "every"),
            _("压力测试{stress}一次，比保障方案更新（{review}一次）还少").format(
                stress=_every(stress.every), review=_every(review.every)
            ),
            (("supervision", "review", "every"),),
        )


@RULES.rule(
    "incident-time-order",
    "error",
    N_("故障处置时限依次递进：确认故障 < 启动应急响应 < 恢复服务"),
    why=N_(
        "三个时限都自监控告警或者接到故障报告之时起算：先确认故障，才能启动应急响应，响应之后才能恢复服务。后一环节的时限不长于前一环节时，两个承诺无法同时兑现。"
    ),
    example=example(("  respond: 15min", "  respond: 5min")),
)
def incident_time_order(c: Contract) -> Finding:
    i = _m(c).incident
    if i.respond.seconds <= i.detect.seconds:
        yield c.finding(
            ("incident", "respond"),
            _("启动应急响应时限 {respond} 不长于确认故障时限 {detect}").format(
                respond=i.respond.text(), detect=i.detect.text()
            ),
            (("incident", "detect"),),
        )
    if i.recover.seconds <= i.respond.seconds:
        yield c.finding(
            ("incident", "recover"),
            _("恢复服务时限 {recover} 不长于启动应急响应时限 {respond}").format(
                recover=i.recover.text(), respond=i.respond.text()
            ),
            (("incident", "respond"),),
        )


@RULES.rule(
    "recovery-target",
    "warning",
    N_("7×24小时值班下，恢复服务时限一般不超过24小时，且不短于供应商到场时限"),
    why=N_(
        "全天候值班承诺的是当日处置：恢复时限超过24小时，值班安排与恢复目标就不相称。恢复服务往往要靠供应商到场更换备件；供应商到场时限长于恢复时限时，需要备件的故障无法按时恢复，需要确认冗余措施能否单独支撑恢复目标。"
    ),
    example=example(("  recover: 4h", "  recover: 48h")),
)
def recovery_target(c: Contract) -> Finding:
    m = _m(c)
    recover = m.incident.recover
    if recover.seconds > _DAY:
        yield c.finding(
            ("incident", "recover"),
            _("恢复服务时限 {recover} 超过24小时，与7×24小时值班不相称；请确认").format(
                recover=recover.text()
            ),
            (("duty", "shifts_per_day"),),
        )
    supplier = m.resources.supplier_response
    if supplier is not None and supplier.seconds > recover.seconds:
        yield c.finding(
            ("resources", "supplier_response"),
            _(
                "供应商到场时限 {supplier} 长于恢复服务时限 {recover}，需要更换备件的故障无法按时恢复"
            ).format(supplier=supplier.text(), recover=recover.text()),
            (("incident", "recover"),),
        )


@RULES.rule(
    "checks-per-shift",
    "error",
    N_("每日安全检查和设备巡检的次数不得少于每日值班班次数"),
    why=N_(
        "检查和巡检由当班人员完成并记录：每日次数少于班次数，就有班次一次也不检查，夜班往往正是出问题的时段；承诺书按“每个班次不少于若干次”写明分配。"
    ),
    example=example(
        (
            "    per_day: 3                     # 每日安全检查次数",
            "    per_day: 2                     # 每日安全检查次数",
        )
    ),
)
def checks_per_shift(c: Contract) -> Finding:
    m = _m(c)
    shifts = m.duty.shifts_per_day
    if shifts <= 0:
        return  # positive says so
    for key, title in (("safety", N_("安全检查")), ("inspection", N_("核心设备巡检"))):
        per_day = getattr(m.checks, key).per_day
        if 0 < per_day < shifts:
            yield c.finding(
                ("checks", key, "per_day"),
                _("每日{title} {per_day} 次，少于每日值班班次 {shifts} 个，有班次不检查").format(
                    title=_(title), per_day=per_day, shifts=shifts
                ),
                (("duty", "shifts_per_day"),),
            )


@RULES.rule(
    "duty-roster",
    "warning",
    N_("值班人员总数足以在每人每周工作不超过40小时的前提下排满7×24小时值班"),
    why=N_(
        "7×24小时值班每周有168小时，每个小时都要有“每班值班人数”名人员在岗；按每人每周工作不超过40小时（《国务院关于职工工作时间的规定》第三条）计算，值班人员至少需要 168 × 每班值班人数 ÷ 40 名（向上取整），实际排班还要留出休假、培训和病假的余量。人数不足时，承诺的值班安排只能靠长期加班维持，无法兑现。"
    ),
    example=example(("  roster: 10 ", "  roster: 6 ")),
)
def duty_roster(c: Contract) -> Finding:
    duty = _m(c).duty
    if duty.roster is None or duty.staff_per_shift <= 0:
        return
    need = rota_size(duty.staff_per_shift)
    if duty.roster < need:
        yield c.finding(
            ("duty", "roster"),
            _(
                "值班人员共 {roster} 名，不足以排满7×24小时值班：每周 {week} 小时 × 每班 {staff} 名，按每人每周不超过 {limit} 小时，至少需要 {need} 名"
            ).format(
                roster=duty.roster,
                week=WEEK_HOURS,
                staff=duty.staff_per_shift,
                limit=MAX_WEEKLY_HOURS,
                need=need,
            ),
            (("duty", "staff_per_shift"),),
        )


@RULES.rule(
    "duty-owner",
    "error",
    N_("每个事项的责任人和组长都须是保障小组成员，成员不得重名"),
    why=N_(
        "承诺书把每项保障措施落实到人：责任人不在小组成员名单中，这项措施就没有人对贵单位负责；成员重名时，按姓名指定的责任人指向不明。"
    ),
    example=example(
        (
            "    owner: 陈晨                    # 压力测试负责人",
            "    owner: 陈辰                    # 压力测试负责人",
        )
    ),
)
def duty_owner(c: Contract) -> Finding:
    m = _m(c)
    org = m.organisation
    for i, first in repeats(member.name for member in org.members):
        yield c.finding(
            ("organisation", "members", i, "name"),
            _("小组成员“{name}”重名（另见第{other}名成员），按姓名指定的责任人指向不明").format(
                name=org.members[i].name, other=first + 1
            ),
            (("organisation", "members", first, "name"),),
        )
    seen = {member.name for member in org.members}
    if org.lead not in seen:
        yield c.finding(
            ("organisation", "lead"),
            _("组长“{name}”不在保障小组成员名单中").format(name=org.lead),
            (("organisation", "members"),),
        )
    for path, title, part in duties(m):
        owner: str = part.owner  # type: ignore[attr-defined]
        if owner not in seen:
            yield c.finding(
                (*path, "owner"),
                _("{title}的责任人“{name}”不在保障小组成员名单中").format(
                    title=_(title), name=owner
                ),
                (("organisation", "members"),),
            )


@RULES.rule(
    "idle-member",
    "warning",
    N_("保障小组的每名成员都应担任组长或负责至少一项事项"),
    why=N_(
        "承诺书列出的小组成员是对外承诺的人员安排；不负责任何事项的成员只是名单上的名字，分工不明，需要为其指定事项或从名单中删去。"
    ),
    example=example(
        ("    - name: 刘洋\n", "    - name: 周杰\n      role: 安全专员\n    - name: 刘洋\n")
    ),
)
def idle_member(c: Contract) -> Finding:
    m = _m(c)
    owners = {part.owner for _path, _title, part in duties(m)}  # type: ignore[attr-defined]
    for i, member in enumerate(m.organisation.members):
        if member.name != m.organisation.lead and member.name not in owners:
            yield c.finding(
                ("organisation", "members", i),
                _("小组成员“{name}”（{role}）既不是组长，也不负责任何事项").format(
                    name=member.name, role=member.role
                ),
            )
