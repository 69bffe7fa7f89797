"""Declare the model of the 公开承诺书 (``public-undertaking``): a unilateral undertaking to users
or a regulator on availability, major faults, complaints, disclosure and supervision."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import ClassVar, Literal

from ...modeling import Model, f
from ...parts import Coverage, LetterSpec, Party
from ...units import Duration, Percent

Cycle = Literal["month", "quarter", "half_year", "year"]  # a calendar cycle of publication


@dataclass(frozen=True)
class UndertakingPeriod(Model):
    """承诺期间"""

    start: _dt.date = f("起始日期", "ISO 日期，如 2027-01-01")
    end: _dt.date = f("截止日期", "ISO 日期；不早于起始日期")


@dataclass(frozen=True)
class PublicService(Model):
    """服务信息"""

    name: str = f("服务名称", "如 示例云平台云主机与对象存储服务")
    scope: list[str] = f("服务范围", "列表，如 [云主机, 对象存储]", factory=tuple)
    users: str | None = f("服务对象", "如 本平台注册用户", default=None)


@dataclass(frozen=True)
class Uptime(Model):
    """服务可用性"""

    target: Percent = f("可用性承诺", "如 99.9%；应低于 100%")
    period: Literal["month", "quarter", "year"] = f(
        "考核周期", "month（自然月，默认）、quarter（自然季度）或 year（承诺年度）", default="month"
    )
    maintenance_notice: Duration | None = f("计划性维护提前公告", "如 72h", default=None)
    maintenance_allowance: Duration | None = f(
        "不计入不可用时间的计划性维护",
        "每个考核周期内经提前公告的计划性维护不计入不可用时间的上限，如 4h；不写则计入",
        default=None,
    )


@dataclass(frozen=True)
class MajorFault(Model):
    """重大故障"""

    definition: str = f("重大故障的认定标准", "如 核心服务连续中断超过30分钟，或影响10%以上用户")
    response: Duration = f(
        "重大故障响应时限", "自发现故障之时起启动应急响应，如 30min；短于恢复时限"
    )
    recovery: Duration = f("恢复服务时限", "自发现故障之时起，如 4h")
    user_notice: Duration | None = f(
        "向用户发布故障公告时限", "自发现故障之时起，如 1h（可选）", default=None
    )


@dataclass(frozen=True)
class RegulatorReporting(Model):
    """向监管机构报告"""

    authority: str = f("监管机构", "如 北京市通信管理局（通信管理局设在省一级）")
    initial: Duration = f(
        "重大故障首次报告时限", "自发现重大故障之时起，如 1h；不短于响应时限，不长于恢复时限"
    )
    final: Duration = f("书面报告时限", "自故障恢复之日起提交书面处置报告，如 5d")


@dataclass(frozen=True)
class Complaints(Model):
    """投诉处理"""

    channels: list[str] = f("受理渠道", "如 [客服热线400-000-0000, 平台在线工单]")
    coverage: Coverage = f(
        "受理时段",
        "7x24（全天候）或 business_hours（国家规定的工作日；非工作日收到的投诉自下一个工作日起算）",
    )
    reply: Duration = f("答复时限", "自收到投诉之时起，如 24h；不长于办结时限")
    resolve: Duration = f("办结时限", "自收到投诉之时起，如 15d")


@dataclass(frozen=True)
class Department(Model):
    """负责部门"""

    VERBATIM: ClassVar[frozenset[str]] = frozenset({"name"})  # kept in a Traditional letter

    name: str = f("部门名称", "如 服务质量管理部")
    head: str | None = f("负责人", default=None)
    phone: str | None = f("联系电话", "须写明", default=None)
    email: str | None = f("电子邮箱", "须写明", default=None)
    address: str | None = f("通讯地址", "须写明", default=None)


@dataclass(frozen=True)
class Disclosure(Model):
    """公开事项"""

    item: str = f("公开内容", "如 服务可用性统计及重大故障处置情况")
    channel: str = f("公开渠道", "如 本公司官方网站“服务公告”栏目")
    every: Cycle = f(
        "公开频次", "month（每月）、quarter（每季度）、half_year（每半年）或 year（每年）"
    )
    within: Duration = f("发布期限", "每个公开周期结束后多少日内发布，如 15d；短于公开周期")


@dataclass(frozen=True)
class CreditBand(Model):
    """服务费抵扣档位"""

    below: Percent = f("可用性低于", "当期可用性低于此值时适用本档；不高于可用性承诺，各档递减")
    credit: Percent = f("抵扣比例", "抵扣受影响用户当期服务费的比例；各档递增")


@dataclass(frozen=True, kw_only=True)
class PublicSpec(LetterSpec):
    """公开承诺书"""

    template: Literal["public-undertaking"] = f("文书类型", "public-undertaking：公开承诺书")
    client: Party = f(
        "致送对象",
        "本承诺书的称谓对象，如 北京市通信管理局，或 示例云平台全体用户；致送对象不签署本承诺书",
    )
    addressee: Literal["regulator", "users", "public"] = f(
        "致送对象类别", "regulator（监管机构）、users（用户）或 public（社会公众）"
    )
    purpose: str = f("规范事项", "“为规范本公司……的行为”中的内容，如 提供云计算服务")
    basis: list[str] = f("依据", "法律法规或规范性文件名称，不含书名号（可选）", factory=tuple)
    period: UndertakingPeriod = f("承诺期间")
    service: PublicService = f("服务信息")
    principles: list[str] = f("行为准则", "列表，每条一句")
    availability: Uptime = f("服务可用性")
    major_fault: MajorFault = f("重大故障")
    regulator: RegulatorReporting = f("向监管机构报告")
    complaints: Complaints = f("投诉处理")
    department: Department = f(
        "负责部门", "负责落实本承诺并受理询问的部门；联系电话、电子邮箱、通讯地址须写全"
    )
    disclosures: list[Disclosure] = f("信息公开", "公开什么、在哪里公开、多久公开一次")
    service_credits: list[CreditBand] = f(
        "服务费抵扣",
        "可用性未达承诺时的抵扣档位（可选）；可用性阈值递减、抵扣比例递增",
        factory=tuple,
    )
    liabilities: list[str] = f(
        "其他责任", "如 依法赔偿用户因此遭受的损失（可选）；不得自设“行政处罚”“罚款”", factory=tuple
    )
