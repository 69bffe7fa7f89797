"""Declare the typed models of the two letter kinds and the parts they share."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .i18n import N_
from .schema import Model, f
from .units import Duration, Percent

Coverage = Literal["business_hours", "7x24"]

# ---------------------------------------------------------------- shared parts


@dataclass(frozen=True)
class Letter(Model):
    """函件信息"""

    number: str = f("承诺函编号", "函件的唯一编号，也用作默认输出文件名", example="YQ-CN-2026-0117")
    date: _dt.date = f("出具日期", "ISO 日期，如 2026-11-22；正文中写作 2026年11月22日")


@dataclass(frozen=True)
class Party(Model):
    """一方当事人"""

    name: str = f("名称", "单位全称")
    credit_code: str | None = f(
        "统一社会信用代码", "18 位，符合 GB 32100-2015，含校验位", default=None,
        example="91330106MA2H3K7P6X",
    )
    legal_representative: str | None = f("法定代表人", default=None)
    address: str | None = f("住所", default=None)
    phone: str | None = f("联系电话", default=None)
    contact: str | None = f("联系人", default=None)
    industry: str | None = f("所属行业", "如 金融、制造、医疗", default=None)


@dataclass(frozen=True)
class Signatory(Model):
    """签署人"""

    role: str = f("职务", "如 法定代表人、技术总监")
    name: str = f("姓名")
    party: Literal["provider", "client"] = f(
        "所属方", "provider（承诺方）或 client（接收方），默认 provider", default="provider"
    )


@dataclass(frozen=True)
class DisputeBand(Model):
    """争议解决档位"""

    forum: str = f("处理方式", "该档争议的解决途径")
    up_to: Decimal | None = f(
        "金额上限（元）", "争议金额不超过此值时适用本档；最后一档不写，表示以上全部", default=None
    )


@dataclass(frozen=True)
class BusinessHours(Model):
    """工作时间"""

    days: str = f("工作日", "如 周一至周五（法定节假日除外）")
    start: _dt.time = f("开始时刻", "写作 \"09:00\"（带引号）")
    end: _dt.time | None = f(
        "结束时刻", "写作 \"18:00\"（带引号）；24:00 或不写表示当日结束", default=None
    )


@dataclass(frozen=True)
class Phase(Model):
    """实施阶段"""

    until: _dt.date = f("截止日期", "ISO 日期")
    goal: str = f("阶段目标")


@dataclass(frozen=True, kw_only=True)
class LetterSpec(Model):
    """The parts every letter kind shares; each kind narrows ``template`` and adds its own."""

    template: str = f("文书类型")
    letter: Letter = f("函件信息")
    provider: Party = f("承诺方")
    client: Party = f("接收方")
    disputes: list[DisputeBand] = f("争议解决", "按金额从小到大分档，最后一档不设上限")
    signatories: list[Signatory] = f("签署人")
    annexes: list[str] = f("附件清单", factory=tuple)
    locale: Literal["zh_CN"] = f("语言区域", default="zh_CN")
    extends: str | None = f("继承自", "基础规格文件的相对路径", default=None)
    layout: str | None = f(
        "版式模板",
        "用另一个模板文件 <layout>.md.j2 排版本函（如事务所自定义的版式）；不写则用与 template 同名的模板",
        default=None,
    )


# ---------------------------------------------------------------- sla-response


@dataclass(frozen=True)
class SlaAgreement(Model):
    """主协议"""

    name: str = f("协议名称", "不含书名号")
    number: str = f("协议编号")
    total: Decimal = f("合同总额（元）", "人民币元，最多两位小数", example="1200000.00")
    effective: _dt.date = f("生效日期")
    expires: _dt.date = f("终止日期")
    currency: Literal["CNY"] = f("币种", "目前仅支持 CNY（人民币）", default="CNY")


@dataclass(frozen=True)
class SlaService(Model):
    """服务信息"""

    name: str = f("服务名称")
    stages: int | None = f("服务环节数", "承诺覆盖的服务环节个数", default=None)
    region: str | None = f("服务区域", default=None)
    standards: list[str] = f("依据标准", "如 ISO/IEC 20000-1:2018", factory=tuple)


@dataclass(frozen=True)
class Tier(Model):
    """响应级别"""

    level: str = f("级别代号", "如 L1")
    name: str = f("级别名称", "如 基础服务")
    category: str = f("问题类别", "如 常规咨询类问题")
    share: Percent = f("预计占比", "该级别占全部服务请求的比例，各级合计 100%")
    scenarios: list[str] = f("典型场景")
    coverage: Coverage = f("服务时段", "business_hours（工作时间）或 7x24（全天候）")
    response: Duration = f("响应时效", "如 15min；从轻到重应严格缩短")
    resolve: Duration = f("处理时限", "如 4h；不短于响应时效")
    resolve_action: str = f("处理时限内的交付", "如 提供书面解决方案")
    penalty_per_hour: Percent = f("每超时1小时补偿比例", "按合同总额计；从轻到重应严格递增")


@dataclass(frozen=True)
class Adjustments(Model):
    """特殊场景时效调整"""

    holiday: Percent | None = f("法定节假日时效", "标准时效的百分比，低于 100% 表示更快", default=None)
    cross_region: Percent | None = f("跨区域服务时效", "标准时效的百分比", default=None)
    vip: Percent | None = f("VIP 通道时效", "L1/L2 标准时效的百分比，应低于 100%", default=None)
    event_lead_time: Duration | None = f("重大活动提前组建保障小组", "如 72h", default=None)


@dataclass(frozen=True)
class Compensation(Model):
    """补偿"""

    minimum: Decimal = f("单次最低补偿（元）")
    cap: Percent = f("累计补偿上限", "占合同总额的比例")
    event_rate_per_hour: Percent | None = f(
        "重大活动期间每超时1小时补偿比例", "按合同总额计", default=None
    )
    deposit: Percent | None = f("服务保证金比例", "占合同总额的比例", default=None)


@dataclass(frozen=True)
class Termination(Model):
    """退出机制"""

    l3_consecutive_failures: int | None = f(
        "最高级别连续未达标次数", "达到此次数接收方可单方终止", default=None
    )
    complaint_rate: Percent | None = f("年度投诉率阈值", default=None)
    degradation: Percent | None = f("降级后响应时效延长比例", default=None)


@dataclass(frozen=True)
class SupportSystem(Model):
    """技术支撑体系（可选）"""

    monitoring_metrics: int | None = f("实时监控指标项数", "智能预警平台采集的系统指标项数", default=None)
    knowledge_base_entries: int | None = f("知识库解决方案条数", default=None)
    architecture: str | None = f("核心服务部署架构", "如 混合云架构", default=None)


@dataclass(frozen=True)
class SlaStaffing(Model):
    """人员配置（可选）"""

    engineers_per_shift: int = f("每班次工程师人数")
    experts_per_shift: int = f("每班次高级专家人数")
    onsite_cities: int | None = f("机动小组覆盖城市数", default=None)
    onsite_arrival: Duration | None = f("到达现场时限", "如 4h", default=None)
    certifications: list[str] = f("工程师持证要求", "如 CCNP、HCIP", factory=tuple)
    training_hours: int | None = f("年度培训时长不少于（小时）", default=None)


@dataclass(frozen=True)
class Quality(Model):
    """质量监控（可选）"""

    record_retention_years: int | None = f("服务记录保存年限（年）", default=None)
    audit_interval: Duration | None = f("第三方服务审计周期", "如 14d（双周）", default=None)
    auditor: str | None = f("第三方审计机构", default=None)
    satisfaction_threshold: Percent | None = f("客户满意度评分下限", "0%–100%", default=None)
    satisfaction_months: int | None = f("连续低于下限的月数", "达到即启动整改", default=None)


@dataclass(frozen=True)
class ValueAdded(Model):
    """增值服务（可选）"""

    risk_reports_per_year: int | None = f("每年《服务风险预警报告》份数", default=None)
    drills_per_year: int | None = f("每年故障演练次数", default=None)
    dashboard: bool = f("专属监控大屏", "true 表示提供", default=False)
    case_library_update_months: int | None = f("案例库更新周期（月）", default=None)
    trainings_per_year: int | None = f("每年技术交流会次数", default=None)


@dataclass(frozen=True)
class DisputeDeadlines(Model):
    """争议处理时限（可选）"""

    simple: Duration | None = f("简易争议出具解决方案时限", "如 5workday", default=None)
    standard: Duration | None = f("标准争议形成最终意见时限", "如 30d", default=None)


@dataclass(frozen=True, kw_only=True)
class SlaSpec(LetterSpec):
    """服务响应时间承诺函"""

    template: Literal["sla-response"] = f("文书类型", "sla-response：服务响应时间承诺函")
    agreement: SlaAgreement = f("主协议")
    service: SlaService = f("服务信息")
    business_hours: BusinessHours = f("工作时间")
    tiers: list[Tier] = f("分级响应", "从轻到重排列")
    compensation: Compensation = f("补偿")
    adjustments: Adjustments | None = f("特殊场景", default=None)
    termination: Termination | None = f("退出机制", default=None)
    support_system: SupportSystem | None = f("技术支撑体系", default=None)
    staffing: SlaStaffing | None = f("人员配置", default=None)
    quality: Quality | None = f("质量监控", default=None)
    value_added: ValueAdded | None = f("增值服务", default=None)
    dispute_deadlines: DisputeDeadlines | None = f("争议处理时限", default=None)


# ---------------------------------------------------------------- continuity


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

    core: Percent = f("核心服务年度可用性", "如 99.5%")
    maintenance_notice: Duration | None = f("计划性维护提前通知", "如 48h", default=None)


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


@dataclass(frozen=True)
class PersistentPenalty(Model):
    """持续违约"""

    quarters: int = f("连续未达标季度数")
    rate: Percent = f("违约金比例", "年度服务总额的比例")


@dataclass(frozen=True)
class Penalties(Model):
    """违约责任"""

    minor: MinorPenalty = f("轻微违约")
    major: MajorPenalty = f("重大违约")
    persistent: PersistentPenalty | None = f("持续违约", default=None)


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

    template: Literal["continuity"] = f("文书类型", "continuity：服务水平连续性保证承诺书")
    agreement: FeeAgreement = f("主协议")
    service: ScopedService = f("服务信息")
    availability: Availability = f("可用性")
    recovery: Recovery = f("故障恢复")
    support: Support = f("客户支持")
    staffing: Staffing = f("人员配置")
    penalties: Penalties = f("违约责任")
    performance: Performance | None = f("性能指标", default=None)
    investment: Percent | None = f("年度技术投入", "不低于服务合同总额的比例", default=None)
    auditor: str | None = f("第三方评估机构", default=None)
    phases: list[Phase] = f("实施计划", "截止日期依次递增", factory=tuple)
    amendment_notice: Duration | None = f("调整服务策略提前通知", "如 30d", default=None)
    security: Security | None = f("数据安全", default=None)
    reporting: Reporting | None = f("服务报告与持续改进", default=None)


Spec = SlaSpec | ContinuitySpec

TEMPLATES: dict[str, tuple[type[Model], str]] = {
    # the descriptions are message ids (Chinese source text), shown through letters.i18n._
    "sla-response": (SlaSpec, N_("服务响应时间承诺函：分级响应时效、超时补偿、退出机制与争议分级")),
    "continuity": (ContinuitySpec, N_("服务水平连续性保证承诺书：可用性、故障恢复、人员配置与违约责任")),
}
