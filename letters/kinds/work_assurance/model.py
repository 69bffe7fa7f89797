"""Declare the model of the 工作保障承诺书 (``work-assurance``).

A unilateral undertaking: one party (the provider, 我单位) promises the measures by which a piece
of work will be kept running during an assurance period; the client part names the unit the
letter is addressed to (收函单位, 贵单位 in the text), which does not sign and takes on no duty.  Every recurring
measure names the member of the assurance team responsible for it (``owner``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal

from ...diagnostics import Path_
from ...i18n import N_
from ...modeling import Model, f
from ...parts import LetterSpec
from ...units import Duration

# How often a recurring measure happens: at least once in each such period, counted from the
# first day of the assurance period.
Cadence = Literal["week", "month", "quarter", "half_year", "year"]

_CADENCE_HELP = "week（每周）、month（每月）、quarter（每季度）、half_year（每半年）或 year（每年）；每个周期至少一次"


@dataclass(frozen=True)
class Recurring(Model):
    """定期开展的保障事项"""

    every: Cadence = f("频次", _CADENCE_HELP)
    owner: str = f("责任人", "保障小组成员的姓名（organisation.members 中的 name）")


@dataclass(frozen=True)
class Daily(Model):
    """每日开展的保障事项"""

    per_day: int = f("每日次数", "不少于每日值班班次数，使每个班次至少一次")
    owner: str = f("责任人", "保障小组成员的姓名")


@dataclass(frozen=True, kw_only=True)
class Work(Model):
    """保障工作"""

    name: str = f("工作名称", "以“工作”结尾，如 全市政务云平台运行维护工作")
    systems: list[str] = f("关键系统", "保障的关键系统或设施", factory=tuple)
    start: _dt.date = f("保障期起始日", "ISO 日期")
    end: _dt.date = f("保障期截止日", "ISO 日期；不早于起始日")


@dataclass(frozen=True)
class Member(Model):
    """保障小组成员"""

    VERBATIM: ClassVar[frozenset[str]] = frozenset({"name"})  # kept in a Traditional letter

    name: str = f("姓名", "同一小组内不得重名；各事项的 owner 按姓名引用")
    role: str = f("小组职务", "如 组长、副组长、技术保障负责人")


@dataclass(frozen=True)
class Organisation(Model):
    """组织保障"""

    team: str = f("保障小组名称", "如 运行保障专项小组")
    lead: str = f("组长", "保障小组成员的姓名")
    members: list[Member] = f("小组成员", "含组长；每名成员至少负责一项事项")
    meeting: Recurring = f("工作例会", "例会频次与召集人")
    replacement_notice: Duration | None = f(
        "人员替换告知期限",
        "我单位以具有同等资格和能力的人员替换所列成员后，书面告知贵单位的期限，如 3d；不写则只承诺书面告知",
        default=None,
    )


@dataclass(frozen=True)
class Duty(Model):
    """值班安排（7×24小时）"""

    shifts_per_day: int = f("每日班次数", "每日分几个班次轮换，如 3（每班8小时）")
    staff_per_shift: int = f("每班值班人数")
    owner: str = f("值班负责人", "保障小组成员的姓名")
    roster: int | None = f(
        "值班人员总数",
        "轮流值班的人员总数，不含备用技术人员（可选）；按每人每周工作不超过40小时，"
        "不少于 168 × 每班值班人数 ÷ 40（向上取整）",
        default=None,
    )


@dataclass(frozen=True)
class Checks(Model):
    """日常检查"""

    safety: Daily = f("安全检查")
    inspection: Daily = f("核心设备巡检")


@dataclass(frozen=True, kw_only=True)
class Technical(Model):
    """技术保障"""

    redundancy: list[str] = f("冗余措施", "如 核心数据库主备部署", factory=tuple)
    stress_test: Recurring = f("压力测试", "间隔不短于恢复演练、不长于保障方案更新")
    backup_interval: Duration = f("数据备份周期", "如 24h")
    backup_site: str = f("异地备份地点", "备份数据异地存放的地点")
    restore_drill: Recurring = f("备份恢复演练")


@dataclass(frozen=True)
class Incident(Model):
    """故障处置时限（均自监控告警或者接到故障报告之时起算，以较早者为准）"""

    detect: Duration = f("确认故障", "如 5min")
    respond: Duration = f("启动应急响应", "如 15min；长于发现时限")
    recover: Duration = f("恢复服务", "如 4h；长于响应时限，一般不超过24小时")
    owner: str = f("应急处置负责人", "保障小组成员的姓名")
    dual_review: list[str] = f(
        "双人复核的关键操作", "如 生产环境变更；不写则不列双人复核条款", factory=tuple
    )


@dataclass(frozen=True)
class Report(Recurring):
    """按周期提交的履行情况报告：每次报告涵盖一个周期，于该周期结束后提交"""

    due_days: int = f("报告期限（日）", "每个周期结束后若干日内提交该周期的报告，如 10")


@dataclass(frozen=True, kw_only=True)
class Resources(Model):
    """资源保障"""

    spares: list[str] = f("备品备件", factory=tuple)
    supplier_response: Duration | None = f(
        "供应商到场时限", "自通知供应商之时起；不应长于恢复服务时限", default=None
    )
    reserve_staff: int | None = f("备用技术人员人数", default=None)
    cross_training: Recurring | None = f("交叉培训", default=None)
    inventory: Recurring = f("应急物资盘点")


@dataclass(frozen=True, kw_only=True)
class Supervision(Model):
    """监督与改进"""

    kpi: list[str] = f("考核指标", "纳入团队及个人绩效考核的指标", factory=tuple)
    spot_check: Recurring = f("监督抽查")
    rectification_days: int = f("整改期限（日）", "发现问题或收到贵单位书面通知之日起")
    analysis: Recurring = f("服务数据分析")
    review: Recurring = f("保障方案更新")
    report: Report | None = f(
        "向收函单位书面报告",
        "按周期报告本承诺书的履行情况，于每个周期结束后提交（可选）",
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class WorkAssuranceSpec(LetterSpec):
    """工作保障承诺书"""

    template: Literal["work-assurance"] = f("文书类型", "work-assurance：工作保障承诺书")
    work: Work = f("保障工作")
    objectives: list[str] = f("工作目标")
    principles: list[str] = f("遵循准则")
    organisation: Organisation = f("组织保障")
    duty: Duty = f("值班安排")
    checks: Checks = f("日常检查")
    technical: Technical = f("技术保障")
    incident: Incident = f("故障处置")
    resources: Resources = f("资源保障")
    supervision: Supervision = f("监督与改进")
    amendment_notice: Duration | None = f("调整保障措施提前告知", "如 15d", default=None)


# The measures that name an owner, in the order the letter presents them: (path, title).
DUTIES: tuple[tuple[Path_, str], ...] = (
    (("organisation", "meeting"), N_("工作例会")),
    (("duty",), N_("值班安排")),
    (("checks", "safety"), N_("安全检查")),
    (("checks", "inspection"), N_("核心设备巡检")),
    (("technical", "stress_test"), N_("压力测试")),
    (("technical", "restore_drill"), N_("备份恢复演练")),
    (("incident",), N_("故障应急处置")),
    (("resources", "cross_training"), N_("交叉培训")),
    (("resources", "inventory"), N_("应急物资盘点")),
    (("supervision", "spot_check"), N_("监督抽查")),
    (("supervision", "analysis"), N_("服务数据分析")),
    (("supervision", "review"), N_("保障方案更新")),
    (("supervision", "report"), N_("履行情况报告")),
)


def at(spec: WorkAssuranceSpec, path: Path_) -> object:
    """Return the part of *spec* at *path* (field names only), or None if a part is absent."""
    node: object = spec
    for name in path:
        node = getattr(node, str(name), None)
        if node is None:
            return None
    return node


def duties(spec: WorkAssuranceSpec) -> Iterator[tuple[Path_, str, object]]:
    """Yield (path, title, part) of each measure present in *spec* that names an owner."""
    for path, title in DUTIES:
        part = at(spec, path)
        if part is not None:
            yield path, title, part
