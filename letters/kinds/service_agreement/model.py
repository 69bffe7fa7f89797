"""Declare the model of the 服务协议 (``service-agreement``): a bilateral agreement for services.

The two parties are the shared ``provider`` (乙方, who serves) and ``client`` (甲方, who pays);
both sign.  The agreement stands on its own: there is no main agreement to fall back on, so
its term, fees, late-payment 违约金, termination, counterparts and dispute forum are all its own.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ...modeling import Model, f
from ...parts import Coverage, LetterSpec
from ...units import Duration, Percent


@dataclass(frozen=True)
class AgreedServiceHours(Model):
    """服务时间"""

    coverage: Coverage = f(
        "服务时段", "7x24（全天候）或 business_hours（国家规定的工作日内的工作时间）"
    )
    start: _dt.time | None = f("工作时间开始", 'business_hours 时必填，如 "09:00"', default=None)
    end: _dt.time | None = f(
        "工作时间结束", 'business_hours 时必填，如 "18:00"；须晚于开始时刻', default=None
    )


@dataclass(frozen=True)
class AgreedService(Model):
    """服务内容"""

    name: str = f("服务名称", "如 企业信息系统运维服务；协议标题为“服务名称＋协议”")
    items: list[str] = f("服务内容", "逐项列出乙方提供的服务")
    quality_standard: str = f("质量标准", "服务应达到的具体标准，如国家标准编号或附件名称")
    hours: AgreedServiceHours = f("服务时间")
    suspension_notice: Duration = f(
        "暂停服务提前通知", "乙方确需暂停服务时提前书面通知甲方的时间，如 48h"
    )
    location: str = f("服务地点", "甲方指定的服务地点")


@dataclass(frozen=True)
class ServiceTerm(Model):
    """服务期限"""

    start: _dt.date = f("服务开始日期", "ISO 日期")
    months: int = f("服务期限（月）", "服务期限的月数；届满日由此算出，不必填写")


@dataclass(frozen=True)
class FeeInstalment(Model):
    """一期服务费"""

    amount: Decimal = f("金额（元）", "本期应付的服务费")
    due: _dt.date = f("付款期限", "甲方最迟应于该日支付本期款项")
    condition: str | None = f(
        "付款条件", "如 本协议生效后、首季度服务验收合格后（可选）", default=None
    )


@dataclass(frozen=True)
class PayeeAccount(Model):
    """乙方收款账户"""

    name: str = f("户名")
    bank: str = f("开户行")
    number: str = f("账号")


@dataclass(frozen=True)
class FeeSchedule(Model):
    """服务费用"""

    total: Decimal = f("服务费总额（元）", "应等于各期金额之和")
    instalments: list[FeeInstalment] = f(
        "分期付款", "各期付款期限依次递增，落在签订日期与服务期限届满日之间"
    )
    tax_included: bool = f("是否含税", "true（默认）：总额含增值税", default=True)
    vat_rate: Percent | None = f(
        "增值税税率", "如 6%（信息技术服务）；写明后印在服务费总额之后（可选）", default=None
    )
    invoice: Literal["special", "ordinary"] | None = f(
        "发票类型",
        "special：增值税专用发票；ordinary：增值税普通发票；不写则印作“合法有效的发票”（可选）",
        default=None,
    )
    invoice_lead: Duration | None = f(
        "开票期限",
        "乙方不迟于每期最迟付款日前该期限开具发票，如 5个工作日；乙方迟延开票的，该期最迟付款日相应顺延（可选；"
        "不写则只要求付款前开具）",
        default=None,
    )
    acceptance: Duration | None = f(
        "确认期限",
        "付款条件为服务经甲方确认的，甲方自收到乙方服务报告之日起在该期限内书面确认或提出异议，逾期未提出异议的"
        "视为确认，如 10个工作日；付款条件含“确认”或“验收”时应当填写",
        default=None,
    )
    account: PayeeAccount | None = f("乙方收款账户", default=None)


@dataclass(frozen=True)
class LatePayment(Model):
    """逾期付款违约金"""

    daily_rate: Percent = f(
        "每日违约金比例", "每逾期一日按逾期未付金额计收的比例，如 0.03%（万分之三）"
    )
    cap: Percent = f("违约金上限", "逾期付款违约金累计不超过逾期未付金额的比例，如 10%")
    lpr: Percent | None = f(
        "一年期贷款市场报价利率（LPR）",
        "签约时公布的一年期 LPR，用于判断日违约金比例是否过高；不写则按 3%（2025年5月20日起）",
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class MutualTermination(Model):
    """协议的解除"""

    notice: Duration | None = f(
        "提前解除通知期",
        "任何一方提前书面通知对方即可解除本协议的期间，如 60d；应短于服务期限（可选；不写则不约定任意解除）",
        default=None,
    )
    compensation: Percent | None = f(
        "提前解除补偿比例",
        "依提前解除通知期解除的一方，按解除之日剩余服务期限对应服务费的该比例向对方支付补偿，如 20%"
        "（可选；写了通知期时应当填写）",
        default=None,
    )
    cure_days: int = f(
        "违约纠正期限（日）", "违约方收到书面通知后纠正违约的期限；逾期未纠正的，守约方可以解除"
    )
    payment_default_days: int | None = f(
        "逾期付款解除期限（日）",
        "甲方逾期付款超过该日数，经催告仍未支付的，乙方可以解除（可选）",
        default=None,
    )
    demand_days: int | None = f(
        "催告期限（日）",
        "乙方书面催告后给予甲方的付款期限；不写则印作“在合理期限内”（可选，与逾期付款解除期限一起使用）",
        default=None,
    )


@dataclass(frozen=True)
class QualityPenalty(Model):
    """服务质量违约金"""

    monthly_rate: Percent = f(
        "每月违约金比例",
        "乙方某一自然月的服务未达到质量标准的，按月均服务费（总额÷服务期限月数）计收的比例，如 10%",
    )
    cap: Percent = f(
        "违约金上限", "服务质量违约金累计不超过服务费总额的比例，如 5%；不低于一个月的违约金"
    )


@dataclass(frozen=True)
class EntrustedProcessing(Model):
    """委托处理个人信息（《个人信息保护法》第二十一条）"""

    purpose: str = f("处理目的", "乙方只能为此目的处理个人信息，如 为甲方提供本协议约定的运维服务")
    manner: str = f("处理方式", "如 在甲方系统内存储、备份、恢复，并在排除故障所必需的范围内查询")
    categories: list[str] = f("个人信息的种类", "逐项列出，如 收货人姓名、联系电话、收货地址")
    measures: list[str] = f(
        "保护措施", "乙方采取的安全保护措施，逐项列出，如 访问权限控制、传输加密、操作日志留存"
    )
    return_days: int = f(
        "返还或删除期限（日）",
        "本协议解除或者终止后，乙方返还或删除个人信息的期限；处理期限为服务期限，不另填写",
    )


@dataclass(frozen=True)
class PartyDuties(Model):
    """双方的其他义务"""

    client: list[str] = f(
        "甲方的其他义务",
        "在通用义务之外另行约定的甲方义务，每项以动词开头，印作“甲方应……”（可选）",
        factory=tuple,
    )
    provider: list[str] = f(
        "乙方的其他义务",
        "在通用义务之外另行约定的乙方义务，每项以动词开头，印作“乙方应……”（可选）",
        factory=tuple,
    )


@dataclass(frozen=True, kw_only=True)
class ServiceAgreementSpec(LetterSpec):
    """服务协议"""

    BILATERAL = True  # an agreement: both parties always sign

    template: Literal["service-agreement"] = f("文书类型", "service-agreement：服务协议")
    cooperation: str | None = f("合作领域", "如 信息技术运维；写入鉴于条款（可选）", default=None)
    signing_place: str | None = f(
        "签订地点", "如 浙江省杭州市西湖区；印在协议首部（可选）", default=None
    )
    service: AgreedService = f("服务内容")
    term: ServiceTerm = f("服务期限")
    fees: FeeSchedule = f("服务费用")
    late_payment: LatePayment = f("逾期付款违约金")
    termination: MutualTermination = f("协议的解除")
    quality_penalty: QualityPenalty | None = f(
        "服务质量违约金", "乙方服务未达到质量标准时按月计收的违约金（可选）", default=None
    )
    personal_information: EntrustedProcessing | None = f(
        "委托处理个人信息",
        "乙方在服务中处理甲方的个人信息时填写；不写则协议只约定另行书面约定委托处理事项（可选）",
        default=None,
    )
    duties: PartyDuties | None = f("双方的其他义务", default=None)
    copies: int = f("协议份数", "一式几份；双方各执一半，应为不少于 2 的偶数", default=2)
