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
    core: list[str] = f(
        "核心服务",
        "可选；服务范围（scope）中属于核心服务的各项，其余各项为非核心服务；不写则核心服务与非核心服务按主协议的约定划分",
        factory=tuple,
    )


Exclusion = Literal["planned_maintenance", "force_majeure", "client_caused"]


@dataclass(frozen=True)
class Availability(Model):
    """可用性"""

    core: Percent = f("核心服务可用性", "如 99.5%；在每个考核周期内计算")
    period: Literal["month", "quarter", "year"] = f(
        "考核周期",
        "month（自然月）、quarter（季度）或 year（服务年度，默认）；应与违约金的计算周期一致",
        default="year",
    )
    maintenance_notice: Duration | None = f("计划性维护提前通知", "如 48h", default=None)
    maintenance_allowance: Duration | None = f(
        "不计入不可用时间的计划性维护",
        "每个考核周期内经提前通知的计划性维护不计入不可用时间的上限，如 2h；不写则计划性维护计入不可用时间",
        default=None,
    )
    exclusions: list[Exclusion] = f(
        "不计入不可用时间的情形",
        "可选：planned_maintenance（经通知的计划性维护，以 maintenance_allowance 为上限）、"
        "force_majeure（不可抗力）、client_caused（接收方原因）；不写则只有 maintenance_allowance 所定的维护不计入",
        factory=tuple,
    )
    force_majeure_notice: Duration | None = f(
        "不可抗力通知期限",
        "自不可抗力发生之时起通知接收方的期限，如 24h；排除不可抗力时应写明",
        default=None,
    )


@dataclass(frozen=True)
class Performance(Model):
    """性能指标"""

    non_core_response: Duration | None = f(
        "非核心服务业务响应时间上限",
        "非核心服务自收到接收方的业务请求至返回处理结果的时间",
        default=None,
    )
    latency: Duration | None = f("数据传输延迟上限", "如 50ms", default=None)
    latency_measure: str | None = f(
        "数据传输延迟的测量口径",
        "可选；接在“数据传输延迟，指”之后：测量路径、测量方法和统计口径，如 自接收方数据中心出口至核心服务接入点的"
        "网络往返时延，由承诺方监控系统每分钟测量一次，按每个考核周期内全部测量值的第95百分位数计",
        default=None,
    )


@dataclass(frozen=True)
class Recovery(Model):
    """故障恢复"""

    start: Duration = f("启动应急预案", "自故障发生时间起")
    core: Duration = f("恢复核心功能")
    full: Duration = f("全面恢复服务")


@dataclass(frozen=True)
class FaultLevel(Model):
    """故障等级"""

    level: str = f("等级名称", "如 一级故障")
    criteria: str = f("判定标准", "如 核心服务中断或者核心功能不可用")
    respond: Duration = f("响应时限", "自报告或者发现故障之时起，技术人员确认故障并告知处理安排")
    diagnose: Duration = f("初步诊断时限", "查明故障原因或者影响范围并书面告知接收方；长于响应时限")
    workaround: Duration = f(
        "临时解决方案时限",
        "以临时措施恢复受影响业务的使用；长于初步诊断时限，不长于全面恢复服务时限",
    )


@dataclass(frozen=True)
class Support(Model):
    """客户支持"""

    coverage: Coverage = f(
        "支持时段", "7x24（全天候）或 business_hours（国家规定的工作日9:00至18:00）"
    )
    first_response: Duration = f(
        "首次答复时间", "自接收方提出技术咨询或者服务请求至技术人员首次答复的时间"
    )
    escalation: Duration | None = f(
        "升级处理时限",
        "首次答复时未能解决的问题，自接收方提出该问题起升级至高级技术人员处理的时限，如 1workday；不短于首次答复时间",
        default=None,
    )
    channels: list[str] = f(
        "受理渠道",
        "可选；接收方报告故障、提出技术咨询与服务请求的渠道，如 [服务热线0571-88886688, 工单系统]；"
        "故障与请求的时限自经这些渠道报告之时起算。不写则为承诺方的联系电话与送达条款所列联系方式",
        factory=tuple,
    )


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
    months: int | None = f(
        "连续未达标月数", "与 quarters 二选一；可用性按月考核时用它", default=None
    )
    rate: Percent = f("违约金比例", "年度服务总额的比例")


@dataclass(frozen=True)
class Penalties(Model):
    """违约责任"""

    minor: MinorPenalty = f("轻微违约")
    major: MajorPenalty = f("重大违约")
    persistent: PersistentPenalty | None = f("持续违约", default=None)
    cap: Percent | None = f(
        "违约金累计上限",
        "每一服务年度累计支付的违约金不超过年度服务总额的比例（可选）",
        default=None,
    )
    exclusive: bool = f(
        "违约金是否为唯一救济",
        "false（默认）：违约金与损失赔偿可以并用；true：违约金是接收方就服务不达标可得的全部救济",
        default=False,
    )


BreachLevel = Literal["minor", "major", "persistent"]


@dataclass(frozen=True, kw_only=True)
class Remedy(Model):
    """救济方式"""

    type: Literal["credit", "substitute", "termination"] = f(
        "救济方式",
        "credit（违约金从应付服务费中抵扣）、substitute（替代履行：接收方自行或者委托第三方补救，"
        "合理费用由承诺方承担）或 termination（解除主协议）",
    )
    breaches: list[BreachLevel] = f(
        "适用的违约情形",
        "minor（轻微违约）、major（重大违约）、persistent（持续违约）；须是 penalties 中已约定的情形",
    )
    occurrences: int | None = f(
        "触发次数", "仅用于 termination：一个服务年度内发生所列违约情形的次数", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Confidentiality(Model):
    """保密协议"""

    agreement: str = f("保密协议名称", "不含书名号，如 数据保密协议")
    number: str | None = f("协议编号", default=None)
    signed: _dt.date | None = f(
        "签订日期", "已签订的写签订日期，不晚于出具日期；与 sign_by 二选一", default=None
    )
    sign_by: _dt.date | None = f(
        "最迟签订日期",
        "尚未签订的写最迟签订日期，不早于出具日期、不晚于主协议生效日；与 signed 二选一",
        default=None,
    )
    survival_years: int | None = f(
        "保密期限（年）", "主协议终止后保密义务继续有效的年数", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Counterparts(Model):
    """份数"""

    provider: int = f("承诺方执有份数", default=1)
    client: int = f("接收方执有份数", default=1)


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
    fault_levels: list[FaultLevel] = f(
        "故障分级处理",
        "可选；从最严重的等级写起，各级的响应、初步诊断、临时解决方案时限依次递进",
        factory=tuple,
    )
    remedies: list[Remedy] = f(
        "其他救济方式", "可选；违约金之外接收方可以采取的救济", factory=tuple
    )
    confidentiality: Confidentiality | None = f("保密协议", default=None)
    legal_basis: list[str] = f(
        "依据的法律",
        "可选；《中华人民共和国民法典》之外的法律名称，不含书名号，如 中华人民共和国数据安全法",
        factory=tuple,
    )
    counterparts: Counterparts | None = f("份数", "不写则一式两份、双方各执一份", default=None)
