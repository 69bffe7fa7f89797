"""Declare the parts every letter kind shares: letter, parties, signatories, disputes.

Each kind declares its own model in its folder (``letters/kinds/<kind>/model.py``) on
:class:`LetterSpec`, which holds the shared parts."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal, Protocol, runtime_checkable

from .modeling import Model, f

Coverage = Literal["business_hours", "7x24"]  # when a service or support is given


@runtime_checkable
class Term(Protocol):
    """The term of the agreement a letter belongs to: a kind's ``agreement`` part has one.

    The shared date rules check any kind whose ``agreement`` has these two dates.
    """

    effective: _dt.date
    expires: _dt.date


# ---------------------------------------------------------------- shared parts


@dataclass(frozen=True)
class Letter(Model):
    """函件信息"""

    # what a Traditional letter never converts (letters.script): codes, names, addresses
    VERBATIM: ClassVar[frozenset[str]] = frozenset({"number"})

    number: str = f("承诺函编号", "函件的唯一编号，也用作默认输出文件名", example="YQ-CN-2026-0117")
    date: _dt.date = f("出具日期", "ISO 日期，如 2026-11-22；正文中写作 2026年11月22日")


@dataclass(frozen=True)
class Party(Model):
    """一方当事人"""

    VERBATIM: ClassVar[frozenset[str]] = frozenset(
        {"name", "credit_code", "legal_representative", "address", "phone", "contact", "email"}
    )

    name: str = f("名称", "单位全称")
    credit_code: str | None = f(
        "统一社会信用代码",
        "18 位，符合 GB 32100-2015，含校验位",
        default=None,
        example="91330106MA2H3K7P6X",
    )
    legal_representative: str | None = f("法定代表人", default=None)
    address: str | None = f("住所", default=None)
    phone: str | None = f("联系电话", default=None)
    contact: str | None = f(
        "联系人", "接收通知的联系人；与住所、联系电话、电子邮箱一起写入送达条款", default=None
    )
    email: str | None = f("电子邮箱", "接收通知的电子邮箱", default=None)
    industry: str | None = f("所属行业", "如 金融、制造、医疗", default=None)


@dataclass(frozen=True)
class Signatory(Model):
    """签署人"""

    VERBATIM: ClassVar[frozenset[str]] = frozenset({"name"})

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


@dataclass(frozen=True, kw_only=True)
class LetterSpec(Model):
    """The parts every letter kind shares; each kind narrows ``template`` and adds its own."""

    template: str = f("文书类型")
    letter: Letter = f("函件信息")
    provider: Party = f("承诺方")
    client: Party = f("接收方")
    disputes: list[DisputeBand] = f(
        "争议解决",
        "通常只写一档（如 forum: 杭州仲裁委员会）；按金额分档时从小到大，最后一档不设上限；"
        "不写则依主协议约定的方式解决",
        factory=tuple,
    )
    signatories: list[Signatory] = f("签署人")
    acknowledgement: bool = f(
        "接收方确认栏",
        "true：函末加接收方盖章、签字栏（不预填姓名），接收方签署后本函对双方均有约束力；"
        "有 party: client 的签署人时自动出现",
        default=False,
    )
    annexes: list[str] = f("附件清单", factory=tuple)
    locale: Literal["zh_CN", "zh-Hans-CN", "zh-Hant-TW", "zh-Hant-HK"] = f(
        "语言区域",
        "zh-Hans-CN（简体，默认；zh_CN 同此）、zh-Hant-TW（繁体，台湾）或 zh-Hant-HK（繁体，香港）；"
        "繁体承诺函由简体文本转换，名称、地址、编号、书名号内的文件名称保持原样",
        default="zh_CN",
    )
    status: Literal["final", "draft"] = f(
        "文本状态",
        "final（定稿，默认）或 draft（草稿：每页加“草稿”水印，文档属性与 Markdown 标明草稿，"
        "落款日期留空）；命令行 --draft 同此",
        default="final",
    )
    verbatim: list[str] = f(
        "保持原文",
        "转换为繁体时保持原样的文字（如产品名称、商标）；当事人名称、人名、地址、编号与书名号内的"
        "文件名称无须列出，本来就不转换",
        factory=tuple,
    )
    extends: str | None = f("继承自", "基础规格文件的相对路径", default=None)
    layout: str | None = f(
        "版式模板",
        "用另一个模板文件 <layout>.md.j2 排版本函（如事务所自定义的版式）；不写则用与 template 同名的模板",
        default=None,
    )

    #: True for a kind both parties always sign (a bilateral 承诺书); a unilateral 承诺函 is
    #: signed by the client too only when a signatory is ``party: client``.
    BILATERAL: ClassVar[bool] = False

    @property
    def both_sign(self) -> bool:
        """Return True if the client signs too, so that the letter may bind both parties."""
        return (
            self.BILATERAL
            or self.acknowledgement
            or any(s.party == "client" for s in self.signatories)
        )
