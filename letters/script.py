"""Write a letter in Traditional script: zh-Hant-TW and zh-Hant-HK, from the Simplified text.

A letter is always composed in Simplified (templates, derived phrases, numbers in words); for a
Traditional locale the composed text is converted before it is parsed into the document tree:

1. **What never changes** is masked first: the spec values that are names of parties and
   people, addresses, codes and contact data (the fields a model lists in ``VERBATIM``), the
   spec values printed inside 《》 (a contract's or a standard's title is what it is), and the
   texts the spec lists under ``verbatim``.  They come out byte for byte as written.
2. **The project glossary** (``letters/glossary.tsv``) comes next: legal and contract terms that
   OpenCC gets wrong (参与制造 → 參與製造), the 大写 numeral 叁 (參 in both regions), and the
   regional vocabulary that is right in legal text (Taiwan: 資訊, 軟體, 網路, 品質 …).  Its
   phrases are masked too and put back in the locale's form.
3. **OpenCC** (the official ``opencc`` wheel, imported only for a Traditional letter) converts
   the rest, character by character and phrase by phrase: ``t2s`` first (so that text which is
   Traditional already comes out the same: OpenCC's ``s2t`` over Traditional text turns 干擾
   into 幹擾), then ``s2tw`` for Taiwan, ``s2hk`` for Hong Kong.  ``s2twp`` is not used: its vocabulary is for software (程序 → 程式,
   发布 → 釋出), which would change the meaning of a legal letter.
4. **Typography**: “” become 「」 and ‘’ become 『』.

Masked text is replaced by private-use characters (U+F0000 onwards), which OpenCC passes
through untouched, and put back after the conversion.  Converting twice is converting once.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT = "zh-Hans-CN"
LOCALES = ("zh-Hans-CN", "zh-Hant-TW", "zh-Hant-HK")
ALIASES = {
    "zh_CN": "zh-Hans-CN",
    "zh-CN": "zh-Hans-CN",
    "zh_TW": "zh-Hant-TW",
    "zh_HK": "zh-Hant-HK",
}
_OPENCC = {"zh-Hant-TW": "s2tw", "zh-Hant-HK": "s2hk"}
_COLUMN = {"zh-Hant-TW": 1, "zh-Hant-HK": 2}
_PUA = 0xF0000  # Supplementary Private Use Area-A: not in OpenCC's data (masks start above any in a text)
GLOSSARY = Path(__file__).with_name("glossary.tsv")


def canonical(locale: str | None) -> str:
    """Return the BCP 47 name of *locale* (``zh_CN`` → ``zh-Hans-CN``; None → the default)."""
    if not locale:
        return DEFAULT
    return ALIASES.get(locale, locale)


def is_traditional(locale: str | None) -> bool:
    """Tell whether *locale* is written in Traditional script."""
    return canonical(locale) in _OPENCC


@lru_cache(maxsize=4)
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=1)
def glossary() -> tuple[tuple[str, str, str, str, str], ...]:
    """Return the glossary rows: (Simplified, zh-Hant-TW, zh-Hant-HK, kind, why); kind is
    ``fix`` (OpenCC is wrong) or ``term`` (regional vocabulary)."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        simplified, tw, hk, kind, why = [*line.split("\t"), "", "", "", ""][:5]
        rows.append((simplified, tw or simplified, hk or tw or simplified, kind or "term", why))
    return tuple(rows)


@lru_cache(maxsize=8)
def _terms(locale: str, titles: bool = False) -> dict[str, str]:
    """Return {Simplified: locale's form} of the glossary (only its fixes inside a title)."""
    column = _COLUMN[locale]
    return {row[0]: row[column] for row in glossary() if not titles or row[3] == "fix"}


_TITLE = re.compile(r"《([^《》\n]+)》")
_PUA_TEXT = re.compile("[\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


_DONE: dict[tuple[str, str, tuple[str, ...]], str] = {}  # (line, locale, kept in it) → converted
_DONE_MAX = 50_000


def convert(text: str, locale: str | None, keep: Iterable[str] = ()) -> str:
    """Return *text* written in *locale*'s script; the strings in *keep* stay as they are.

    A title in 《》 that is not kept is converted character by character, with the glossary's
    fixes but not its regional terms: a statute keeps its official name.  Simplified locales
    return *text* unchanged.  Converted lines are remembered: the letters of a batch share most
    of their lines, which are converted once."""
    locale = canonical(locale)
    if locale not in _OPENCC or not text:
        return text
    kept = sorted({k for k in keep if k and k in text})
    if len(_DONE) > _DONE_MAX:  # before the lookups: every line asked for is then answered
        _DONE.clear()
    lines = text.split("\n")
    keys: list[tuple[str, str, tuple[str, ...]] | None] = []
    todo: dict[tuple[str, str, tuple[str, ...]], None] = {}
    for line in lines:
        if line.isascii():
            keys.append(None)
            continue
        key = (line, locale, tuple(k for k in kept if k in line) if kept else ())
        keys.append(key)
        if key not in _DONE:
            todo[key] = None
    if todo:
        for key, done in zip(todo, _lines(list(todo), locale), strict=True):
            _DONE[key] = done
    return "\n".join(
        line if key is None else _DONE[key] for line, key in zip(lines, keys, strict=True)
    )


def _lines(keys: list[tuple[str, str, tuple[str, ...]]], locale: str) -> list[str]:
    """Convert the lines of *keys* together (one OpenCC call per step for all of them)."""
    text = "\n".join(k[0] for k in keys)
    # the masks are private-use characters; text that holds some already gets masks above them
    used = _PUA_TEXT.findall(text)
    base = max(map(ord, used)) + 1 if used else _PUA
    kept = frozenset(k for key in keys for k in key[2])
    return _convert(text, locale, kept, False, base).split("\n")


def _quotes(text: str) -> str:
    if "“" in text or "”" in text:
        text = text.replace("“", "「").replace("”", "」")
    if "‘" in text or "’" in text:
        text = text.replace("‘", "『").replace("’", "』")
    return text


def _convert(text: str, locale: str, kept: frozenset[str], titles: bool, base: int) -> str:
    terms = _terms(locale, titles)
    back: dict[str, str] = {}

    def token(replacement: str) -> str:
        mark = chr(base + len(back))
        back[mark] = replacement
        return mark

    def mask(m: re.Match[str]) -> str:
        inner = m.group(1) if m.re.groups else None
        if inner is not None:  # a title
            if inner in kept:
                return "《" + token(inner) + "》"
            return "《" + token(_convert(inner, locale, kept, True, base + 0x8000)) + "》"
        found = m.group()
        return token(found if found in kept else terms[found])

    # kept texts and titles first, then the rest goes to Simplified: OpenCC's s2… run over
    # text that is Traditional already is not idempotent (干擾 becomes 幹擾), t2s then s2… is:
    # a letter converted twice is the letter converted once
    if kept:  # (inside a title too: a party's name in a document's title stays as written)
        text = _pattern(tuple(sorted(kept)), locale, titles, True).sub(mask, text)
    elif not titles:
        text = _TITLE.sub(mask, text)
    text = _opencc("t2s").convert(text)
    text = _pattern((), locale, titles, False).sub(mask, text)
    text = _quotes(_opencc(_OPENCC[locale]).convert(text))
    if not back:
        return text
    return re.sub("|".join(back), lambda m: back[m.group()], text)


@lru_cache(maxsize=64)
def _pattern(kept: tuple[str, ...], locale: str, titles: bool, first: bool) -> re.Pattern[str]:
    """Return the pattern of what to mask: in the *first* pass the kept texts and the titles
    in 《》, in the second the glossary's phrases (its fixes only inside a title)."""
    if first:  # kept words first, longest first: a kept text holding 《》 stays whole
        words = [re.escape(w) for w in sorted(kept, key=len, reverse=True)]
        return re.compile("|".join(words if titles else [*words, _TITLE.pattern]))
    words = sorted(_terms(locale, titles), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def is_simplified_only(text: str) -> bool:
    """Tell whether *text* holds characters that only Simplified script writes (s2t changes it)."""
    return bool(text) and _opencc("s2t").convert(text) != text


def is_traditional_only(text: str) -> bool:
    """Tell whether *text* holds characters that only Traditional script writes (t2s changes it)."""
    return bool(text) and _opencc("t2s").convert(text) != text


# ------------------------------------------------------------------ what a letter keeps


# Fields that are codes, contact data or people in every kind (a kind lists more in VERBATIM).
KEPT_FIELDS = frozenset(
    {
        "number",
        "code",
        "credit_code",
        "email",
        "phone",
        "address",
        "legal_representative",
        "contact",
        "owner",
        "head",
        "lead",
    }
)


def kept_and_statutes(model: Any) -> tuple[list[str], set[str]]:
    """Return :func:`kept_values` and :func:`statutes` of *model* from one walk."""
    kept: list[str] = []
    laws: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, list | tuple):
            for item in value:
                walk(item)
            return
        plan = _plan(type(value))  # type: ignore[arg-type]  # a class is hashable
        if plan is None:
            return
        for name, role in plan:
            item = getattr(value, name)
            if role == "walk":
                if item is not None and not isinstance(item, _LEAVES):
                    walk(item)
            elif isinstance(item, str):
                (kept.append if role == "keep" else laws.add)(item)
            elif isinstance(item, list | tuple):
                (kept.extend if role == "keep" else laws.update)(
                    x for x in item if isinstance(x, str)
                )

    walk(model)
    kept.extend(getattr(model, "verbatim", ()) or ())
    return kept, laws


_LEAVES = (str, int, float, Decimal, _dt.date)


@lru_cache(maxsize=512)
def _plan(cls: type) -> tuple[tuple[str, str], ...] | None:
    """Return (field, keep | law | walk) for a model class, or None for anything else."""
    if not dataclasses.is_dataclass(cls):
        return None
    keep = KEPT_FIELDS | getattr(cls, "VERBATIM", frozenset())
    law = STATUTE_FIELDS | getattr(cls, "STATUTES", frozenset())
    return tuple(
        (f.name, "keep" if f.name in keep else "law" if f.name in law else "walk")
        for f in dataclasses.fields(cls)
    )


def kept_values(model: Any) -> list[str]:
    """Return the spec's texts that no conversion may touch: the fields named in
    :data:`KEPT_FIELDS` and each model class's ``VERBATIM`` (names of parties and people),
    and the spec's ``verbatim`` list."""
    return kept_and_statutes(model)[0]


# Fields that list statutes: a law's name is written in the letter's script, unlike the title of
# a document the parties signed (a kind lists more in STATUTES).
STATUTE_FIELDS = frozenset({"legal_basis", "basis", "laws"})


def statutes(model: Any) -> set[str]:
    """Return the names of statutes the spec cites (converted like the letter's own text)."""
    return kept_and_statutes(model)[1]


def kept_in(model: Any, data: Any, text: str) -> list[str]:
    """Return what a letter *text* composed from the spec (*model*, its plain *data*) keeps as
    written: :func:`kept_values` and the spec's texts it prints inside 《》 (titles of documents,
    not the statutes it cites)."""
    kept, laws = kept_and_statutes(model)
    if "《" not in text:
        return kept
    return kept + titles(text, set(spec_strings(data)) - laws)


def titles(text: str, values: Iterable[str]) -> list[str]:
    """Return the spec *values* that *text* prints inside 《》 (the titles of documents), as the
    markup prints them (escaped: ``\\(2026版\\)``)."""
    from .markup import escape

    wanted = {form for v in values for form in (v, escape(v))}
    return [m.group(1) for m in _TITLE.finditer(text) if m.group(1) in wanted]


def spec_strings(data: Any) -> list[str]:
    """Return every string of the plain spec data (for :func:`titles`)."""
    out: list[str] = []
    if isinstance(data, dict):
        for v in data.values():
            out += spec_strings(v)
    elif isinstance(data, list):
        for v in data:
            out += spec_strings(v)
    elif isinstance(data, str):
        out.append(data)
    return out
