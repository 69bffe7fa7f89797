"""Declare the model of the 服务响应时间承诺函 (``sla-response``)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ...modeling import Model, f
from ...parts import Coverage, LetterSpec
from ...units import Duration, Percent


@dataclass(frozen=True)
class BusinessHours(Model):
    """工作时间"""

    days: str = f("工作日", "如 周一至周五（法定节假日除外）")
    start: _dt.time = f("开始时刻", '写作 "09:00"（带引号）')
    end: _dt.time | None = f(
        "结束时刻", '写作 "18:00"（带引号）；24:00 或不写表示当日结束', default=None
    )


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
    penalty_per_hour: Percent = f("每超时1小时违约金比例", "按合同总额计；从轻到重应严格递增")


@dataclass(frozen=True)
class Adjustments(Model):
    """特殊场景时效调整"""

    holiday: Percent | None = f(
        "法定节假日时效", "标准时效的百分比，低于 100% 表示更快", default=None
    )
    cross_region: Percent | None = f("跨区域服务时效", "标准时效的百分比", default=None)
    vip: Percent | None = f("VIP 通道时效", "L1/L2 标准时效的百分比，应低于 100%", default=None)
    event_lead_time: Duration | None = f("重大活动提前组建保障小组", "如 72h", default=None)


@dataclass(frozen=True, kw_only=True)
class Compensation(Model):
    """超时违约金"""

    minimum: Decimal | None = f(
        "每一服务请求的最低违约金（元）",
        "超时违约金不足此数的按此数计；应介于各级别1小时违约金之间",
        default=None,
    )
    cap: Percent = f("累计违约金上限", "占合同总额的比例；只限超时违约金，不限其他责任")
    exclusive: bool = f(
        "违约金是否为唯一救济",
        "false（默认）：违约金不足以弥补损失的，接收方可就不足部分请求赔偿；true：超时违约金是接收方就超时可得的全部救济",
        default=False,
    )
    event_rate_per_hour: Percent | None = f(
        "重大活动期间每超时1小时违约金比例", "按合同总额计", default=None
    )
    deposit: Percent | None = f("服务保证金比例", "占合同总额的比例", default=None)
    deposit_due: Duration | None = f(
        "服务保证金交付期限", "自本函生效之日起，如 15d；不写则为主协议生效之日前", default=None
    )


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

    monitoring_metrics: int | None = f(
        "实时监控指标项数", "智能预警平台采集的系统指标项数", default=None
    )
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
    compensation: Compensation = f("超时违约金")
    adjustments: Adjustments | None = f("特殊场景", default=None)
    termination: Termination | None = f("退出机制", default=None)
    support_system: SupportSystem | None = f("技术支撑体系", default=None)
    staffing: SlaStaffing | None = f("人员配置", default=None)
    quality: Quality | None = f("质量监控", default=None)
    value_added: ValueAdded | None = f("增值服务", default=None)
    dispute_deadlines: DisputeDeadlines | None = f("争议处理时限", default=None)
