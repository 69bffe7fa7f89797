"""Define the format-neutral document tree that every writer walks.

The compose stage turns one Jinja rendering into a :class:`Document`; the Markdown and DOCX
writers each walk the same tree.  The set of node types is small and closed:

* :class:`Heading` — the letter title (level 1) and section headings (levels 2 and 3), with the
  Chinese number (``一、`` / ``（一）``) already assigned by compose;
* :class:`Paragraph` — body text, with an alignment and a first-line indent flag;
* :class:`ListBlock` — numbered (``1.`` / ``（1）``) or bulleted items, numbers already assigned;
* :class:`Table` — a header row and body rows of cells;
* :class:`SignatureBlock` — one column per signing party, never split across pages.

Inline content is a tuple of :class:`Text` runs.  All text is literal: no Markdown escapes are
left in the tree, and writers escape for their own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class Text:
    """Hold one run of literal text; ``\\n`` inside it is a line break."""

    text: str
    bold: bool = False
    change: str = ""  # a redline's tracked change: "ins", "del" or "" (see letters.redline)
    note: str = ""  # a redline's comment (批注) anchored on this run


Inlines = tuple[Text, ...]


def plain(inlines: Inlines) -> str:
    """Return the text of *inlines* without formatting."""
    return "".join(run.text for run in inlines)


@dataclass(frozen=True)
class Heading:
    """Hold a heading: level 1 is the letter title, 2 is 一、, 3 is （一）."""

    level: int
    inlines: Inlines
    number: str = ""  # "一、", "（二）" or "" (the title has none)
    change: str = ""  # the whole paragraph inserted ("ins") or deleted ("del") in a redline


@dataclass(frozen=True)
class Paragraph:
    """Hold a paragraph of body text."""

    inlines: Inlines
    align: Align = "justify"
    indent: bool = True  # first-line indent of two characters
    keep_with_next: bool = False
    change: str = ""  # the whole paragraph inserted ("ins") or deleted ("del") in a redline


@dataclass(frozen=True)
class ListItem:
    """Hold one list item: its assigned label (``1.``, ``（1）``, ``•``) and content."""

    label: str
    inlines: Inlines
    children: tuple[ListBlock, ...] = ()
    change: str = ""  # the whole item inserted ("ins") or deleted ("del") in a redline
    label_runs: Inlines = ()  # a redline's label with its tracked changes (replaces *label*)


@dataclass(frozen=True)
class ListBlock:
    """Hold a list; ``ordered`` lists carry labels 1. 2. (depth 0) or （1）（2） (depth 1)."""

    items: tuple[ListItem, ...]
    ordered: bool = True
    depth: int = 0


Cell = Inlines


@dataclass(frozen=True)
class Table:
    """Hold a table: the header repeats on each page, rows never split."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: tuple[Align, ...] = ()  # per column; empty means left everywhere
    row_changes: tuple[str, ...] = ()  # a redline's "ins"/"del"/"" per body row; () none
    header_change: str = ""  # a redline's "ins"/"del" of the header row


# One signature line, the same in every writer: 签字 over ten full-width low lines, and a date
# with room for a handwritten four-digit year.  A signer without a name (a blank line for the
# client's representative) reads "法定代表人或授权代表签字：＿＿…".
SIGN_BLANK = "＿" * 10
SIGN_DATE = "日期：　　　　年　　月　　日"


# The words the writers add to a letter themselves (the rest comes from the template, converted
# with it): what letters.script makes of them in a Traditional letter.
DRAFT = "草稿"  # the watermark and the core properties' status of a draft
FINAL = "定稿"
BLANK = "空白表单"  # the core properties' status of a blank form (letters.blank)
DRAFT_NOTE = "本文为草稿，不得作为签署文本。"  # the first line of a draft's Markdown
WRITER_WORDS = ("签字：", "（以下无正文）", "（本页无正文，为《", "》之签署页）", DRAFT_NOTE, BLANK)


def localize(text: str, locale: str) -> str:
    """Return a writer's output *text* with :data:`WRITER_WORDS` in *locale*'s script."""
    for word, local in _writer_words(locale):
        if word in text:
            text = text.replace(word, local)
    return text


@lru_cache(maxsize=4)
def _writer_words(locale: str) -> tuple[tuple[str, str], ...]:
    from .script import convert

    return tuple((word, convert(word, locale)) for word in WRITER_WORDS)


def signer_line(role: str, name: str, sep: str = "　　") -> str:
    """Return one signer's line: ``职务：姓名　　签字：＿＿…　　日期：　　　　年　　月　　日``."""
    if not name:
        return f"{role}签字：{SIGN_BLANK}{sep}{SIGN_DATE}"
    return f"{role}：{name}{sep}签字：{SIGN_BLANK}{sep}{SIGN_DATE}"


@dataclass(frozen=True)
class Signer:
    """Hold one person who signs for a party."""

    role: str
    name: str
    change: str = ""  # the signer's lines inserted or deleted in a redline
    role_runs: Inlines = ()  # a redline's role with its tracked changes (replaces *role*)
    name_runs: Inlines = ()  # a redline's name with its tracked changes (replaces *name*)


@dataclass(frozen=True)
class SignatureParty:
    """Hold one signing party: its label (承诺方（盖章）), its name and its signers."""

    label: str
    name: str
    signers: tuple[Signer, ...]
    name_runs: Inlines = ()  # a redline's name with its tracked changes (replaces *name*)


@dataclass(frozen=True)
class SignatureBlock:
    """Hold the signature block: parties side by side, kept on one page."""

    parties: tuple[SignatureParty, ...]
    change: str = ""  # the whole block inserted ("ins") or deleted ("del") in a redline


Block = Heading | Paragraph | ListBlock | Table | SignatureBlock


@dataclass(frozen=True)
class Meta:
    """Hold the document properties written into the DOCX core properties."""

    title: str
    subject: str = ""
    author: str = ""
    keywords: str = ""
    created: str = ""  # ISO date (the letter's own date), never the clock; "" leaves it out
    locale: str = "zh-Hans-CN"  # zh-Hans-CN, zh-Hant-TW or zh-Hant-HK (letters.script)
    status: str = "final"  # final, draft (a 草稿 watermark, letters.compose) or blank (a form)


@dataclass(frozen=True)
class Document:
    """Hold a whole letter: its properties and its blocks in reading order."""

    meta: Meta
    blocks: tuple[Block, ...] = field(default_factory=tuple)
