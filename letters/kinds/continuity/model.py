"""Declare the model of the 服务水平连续性保证承诺书 (``continuity``)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ...modeling import Model, f
from ...parts import Coverage, LetterSpec
from ...units import Duration, Percent


@dataclass(frozen=True)
class Phase(Model):
    """实施阶段"""

    until: _dt.date = f("截止日期", "ISO 日期")
    goal: str = f("阶段目标")


@dataclass(frozen=True)
class FeeAgreement(Model):
    """主协议（按月计费）"""

    name: str = f("协议名称")
    number: str = f("协议编号")
    monthly_fee: Decimal = f("月度服务费（元）")
    annual_total: Decimal = f("年度服务总额（元）", "应等于月度服务费 × 12")
    effective: _dt.date = f("生效日期")
    expires: _dt.date = f("终止日期")
    currency: Literal["CNY"] = f("币种", default="CNY")


@dataclass(frozen=True)
class ScopedService(Model):
    """服务信息"""

    name: str = f("服务名称")
    scope: list[str] = f("服务范围", factory=tuple)
    region: str | None = f("服务区域", default=None)


@dataclass(frozen=True)
class Availability(Model):
    """可用性"""

    core: Percent = f("核心服务可用性", "如 99.5%；在每个考核周期内计算")
    period: Literal["month", "quarter", "year"] = f(
        "考核周期", "month（自然月）、quarter（季度）或 year（服务年度，默认）；应与违约金的计算周期一致",
        default="year",
    )
    maintenance_notice: Duration | None = f("计划性维护提前通知", "如 48h", default=None)
    maintenance_allowance: Duration | None = f(
        "不计入不可用时间的计划性维护",
        "每个考核周期内经提前通知的计划性维护不计入不可用时间的上限，如 4h；不写则计划性维护计入不可用时间",
        default=None,
    )


@dataclass(frozen=True)
class Performance(Model):
    """性能指标"""

    non_core_response: Duration | None = f("非核心服务响应时间上限", default=None)
    latency: Duration | None = f("数据传输延迟上限", "如 50ms", default=None)


@dataclass(frozen=True)
class Recovery(Model):
    """故障恢复"""

    start: Duration = f("启动应急响应")
    core: Duration = f("恢复核心功能")
    full: Duration = f("全面恢复服务")


@dataclass(frozen=True)
class Support(Model):
    """客户支持"""

    coverage: Coverage = f("支持时段")
    first_response: Duration = f("首次响应时间")
    escalation: Duration | None = f("复杂问题升级处理时限", default=None)


@dataclass(frozen=True)
class Staffing(Model):
    """人员配置"""

    total: int = f("专业人员总数", "应等于三个团队人数之和")
    technical: int = f("技术团队人数")
    operations: int = f("运维团队人数")
    support: int = f("客户支持团队人数")


@dataclass(frozen=True)
class MinorPenalty(Model):
    """轻微违约"""

    cure_days: int = f("整改期限（日）")
    rate: Percent = f("违约金比例", "当月服务费的比例")


@dataclass(frozen=True)
class MajorPenalty(Model):
    """重大违约"""

    outage_over: Duration = f("服务中断时长阈值", "不应短于全面恢复承诺")
    rate: Percent = f("违约金比例", "当月服务费的比例")
    loss_share: Percent | None = f("直接经济损失赔偿比例", default=None)


@dataclass(frozen=True, kw_only=True)
class PersistentPenalty(Model):
    """持续违约"""

    quarters: int | None = f("连续未达标季度数", "与 months 二选一", default=None)
    months: int | None = f("连续未达标月数", "与 quarters 二选一；可用性按月考核时用它", default=None)
    rate: Percent = f("违约金比例", "年度服务总额的比例")


@dataclass(frozen=True)
class Penalties(Model):
    """违约责任"""

    minor: MinorPenalty = f("轻微违约")
    major: MajorPenalty = f("重大违约")
    persistent: PersistentPenalty | None = f("持续违约", default=None)
    cap: Percent | None = f(
        "违约金累计上限", "每一服务年度累计支付的违约金不超过年度服务总额的比例（可选）", default=None
    )
    exclusive: bool = f(
        "违约金是否为唯一救济",
        "false（默认）：违约金与损失赔偿可以并用；true：违约金是接收方就服务不达标可得的全部救济",
        default=False,
    )


@dataclass(frozen=True)
class Security(Model):
    """数据安全（可选）"""

    backup_interval: Duration | None = f("数据备份周期", "如 24h", default=None)
    backup_retention: Duration | None = f("备份保留期限", "如 30d；不短于备份周期", default=None)
    restore_drills_per_year: int | None = f("每年备份恢复演练次数", default=None)
    security_audits_per_year: int | None = f("每年安全审计次数", default=None)


@dataclass(frozen=True)
class Reporting(Model):
    """服务报告与持续改进（可选）"""

    report_interval: Duration | None = f("服务报告提交周期", "如 30d", default=None)
    drills_per_year: int | None = f("每年应急演练次数", default=None)
    upgrades_per_year: int | None = f("每年服务能力升级次数", default=None)
    satisfaction_threshold: Percent | None = f("客户满意度下限", "0%–100%", default=None)


@dataclass(frozen=True, kw_only=True)
class ContinuitySpec(LetterSpec):
    """服务水平连续性保证承诺书"""

    BILATERAL = True  # both parties sign a 承诺书

    template: Literal["continuity"] = f("文书类型", "continuity：服务水平连续性保证承诺书")
    agreement: FeeAgreement = f("主协议")
    service: ScopedService = f("服务信息")
    availability: Availability = f("可用性")
    recovery: Recovery = f("故障恢复")
    support: Support = f("客户支持")
    staffing: Staffing = f("人员配置")
    penalties: Penalties = f("违约责任")
    performance: Performance | None = f("性能指标", default=None)
    investment: Percent | None = f("年度技术投入", "每年不低于年度服务总额的比例", default=None)
    auditor: str | None = f("第三方评估机构", default=None)
    phases: list[Phase] = f("实施计划", "截止日期依次递增", factory=tuple)
    amendment_notice: Duration | None = f("调整服务策略提前通知", "如 30d", default=None)
    security: Security | None = f("数据安全", default=None)
    reporting: Reporting | None = f("服务报告与持续改进", default=None)
