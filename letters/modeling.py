"""Build typed models from plain spec data, collecting every problem with its path.

The models are frozen dataclasses whose fields carry Chinese titles (``field(metadata=...)``).
:func:`build` converts the plain values of :mod:`letters.source` (text, lists, mappings) into
model instances: text becomes ``Decimal``, :class:`~letters.units.Percent`,
:class:`~letters.units.Duration`, dates and times through the unit parsers.  Unknown keys are
errors with a "did you mean" hint, missing keys name their path, wrong types say what was
expected (messages in the language of :mod:`letters.i18n`).

Why not pydantic: importing pydantic and building ~30 models costs 150–250 ms on this machine,
more than the whole budget of a cold ``letters check``; these models need custom parsing for
every unit anyway, and errors must be Chinese and mapped to YAML marks.  This engine is small,
fast (a spec builds in well under a millisecond) and produces the JSON Schema too.

The walk over the model types is here, in one place: :func:`shape` says how a declared type
decomposes (a model into its fields, ``list[T]``, ``T | None``, ``Literal`` choices, unit leaves)
and :func:`leaves` finds the values of given types inside a model.  The builder below, the JSON
Schema (:mod:`letters.json_schema`), the batch column paths (:func:`follow`) and the rules'
number collection (:mod:`letters.checks`) all read the types through them.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import types
import typing
from collections.abc import Callable, Collection
from decimal import Decimal
from functools import cache
from typing import Any, Literal, NamedTuple, TypeVar

from . import units
from .diagnostics import Path_
from .i18n import N_, _, join
from .units import Duration, Percent, UnitError


@dataclasses.dataclass(frozen=True)
class Issue:
    """Hold one problem found while building a model."""

    path: Path_
    code: str
    message: str
    # the problem keeps its model from being built (an unknown key alone does not, unless it
    # is a misspelt required field)
    blocking: bool = True


def f(
    title: str,
    description: str = "",
    *,
    default: Any = dataclasses.MISSING,
    factory: Any = dataclasses.MISSING,
    example: Any = None,
) -> Any:
    """Declare a model field with a Chinese title and description."""
    meta = {"title": title, "description": description, "example": example}
    if factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


class Model:
    """Mark a frozen dataclass as a spec model (all models derive from this)."""

    __doc_zh__ = ""


M = TypeVar("M", bound=Model)

# ------------------------------------------------------------------ the walk over the types

# What a declared type is (Shape.kind).
MODEL = "model"  # a Model class: its fields
LIST = "list"  # list[T]: its items
OPTIONAL = "optional"  # T | None
CHOICE = "choice"  # Literal[...]
LEAF = "leaf"  # a unit: text, a number, a date ...

# The unit leaves: declared type -> (unit name, parser of its text; None for text and booleans).
UNITS: dict[Any, tuple[str, Callable[[str], Any] | None]] = {
    str: ("text", None),
    int: ("integer", units.parse_int),
    Decimal: ("money", units.parse_money),
    Percent: ("percent", units.parse_percent),
    Duration: ("duration", units.parse_duration),
    _dt.date: ("date", units.parse_date),
    _dt.time: ("time", units.parse_time),
    bool: ("bool", None),
}

_UNIT_NAMES = {  # message ids: translated by describe() when a message is made
    "text": N_("文字"),
    "integer": N_("整数"),
    "money": N_("金额（元）"),
    "percent": N_("百分比（如 0.3%）"),
    "duration": N_("时长（如 15min、4h、1workday）"),
    "date": N_("日期（如 2026-11-22）"),
    "time": N_('时刻（如 "09:00"）'),
    "bool": N_("true 或 false"),
}


class Field(NamedTuple):
    """One field of a model: its name, the shape of its type, and its dataclass field."""

    name: str
    shape: Shape
    required: bool  # no default
    field: dataclasses.Field[Any]  # metadata (title, description, example) and default


class Shape:
    """How one declared type decomposes; :func:`shape` gives the one object of each type.

    ``kind`` is MODEL (``tp`` is a :class:`Model` class: ``fields`` in order, ``by_name``),
    LIST (``inner`` is the item's shape), OPTIONAL (``T | None``: ``inner`` is T's shape),
    CHOICE (a ``Literal``: ``choices``) or LEAF (``unit`` names it, one of :data:`UNITS`, and
    ``parse`` reads its text, None for text and booleans).
    """

    __slots__ = ("by_name", "choices", "fields", "inner", "kind", "parse", "tp", "unit")

    def __init__(self, kind: str, tp: Any, inner: Shape | None = None) -> None:
        self.kind = kind
        self.tp = tp  # the declared type
        self.inner: Shape = inner  # type: ignore[assignment]  # None unless LIST or OPTIONAL
        self.choices: tuple[Any, ...] = ()
        self.unit = ""
        self.parse: Callable[[str], Any] | None = None
        self.fields: tuple[Field, ...] = ()
        self.by_name: dict[str, Field] = {}

    @property
    def bare(self) -> Shape:
        """Return the shape without its ``| None``."""
        return self.inner if self.kind == OPTIONAL else self

    def __repr__(self) -> str:
        return f"Shape({self.kind}, {self.tp!r})"


_SHAPES: dict[Any, Shape] = {}


def shape(tp: Any) -> Shape:
    """Return how the declared type *tp* decomposes (computed once per type).

    Raise TypeError for a type a model may not declare (a union other than ``T | None``, a
    class that is neither a model nor a unit).
    """
    found = _SHAPES.get(tp)
    if found is None:
        pending: dict[Any, Shape] = {}
        found = _shape(tp, pending)
        _SHAPES.update(pending)  # published whole: a model's fields are complete
    return found


def _shape(tp: Any, pending: dict[Any, Shape]) -> Shape:
    found = _SHAPES.get(tp) or pending.get(tp)
    if found is not None:
        return found
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1 or len(args) != 2:
            raise TypeError(f"unsupported field type {tp!r}: only X | None may be a union")
        sh = pending[tp] = Shape(OPTIONAL, tp, _shape(rest[0], pending))
    elif origin is list:
        (item,) = typing.get_args(tp)
        sh = pending[tp] = Shape(LIST, tp, _shape(item, pending))
    elif origin is Literal:
        sh = pending[tp] = Shape(CHOICE, tp)
        sh.choices = typing.get_args(tp)
    elif isinstance(tp, type) and issubclass(tp, Model):
        sh = pending[tp] = Shape(MODEL, tp)  # before its fields: a model may contain itself
        hints = typing.get_type_hints(tp)
        sh.fields = tuple(
            Field(
                fld.name,
                _shape(hints[fld.name], pending),
                fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING,
                fld,
            )
            for fld in dataclasses.fields(typing.cast(Any, tp))
        )
        sh.by_name = {fl.name: fl for fl in sh.fields}
    elif tp in UNITS:
        sh = pending[tp] = Shape(LEAF, tp)
        sh.unit, sh.parse = UNITS[tp]
    else:
        raise TypeError(f"unsupported field type {tp!r}")
    return sh


def fields_of(cls: Any) -> tuple[tuple[str, Any, dataclasses.Field[Any]], ...]:
    """Return (name, declared type, field) for each field of model *cls*."""
    return tuple((fl.name, fl.shape.tp, fl.field) for fl in shape(cls).fields)


def follow(tp: Any, path: Path_) -> tuple[Shape, int]:
    """Follow *path* (field names and list indexes) through the declared type *tp*.

    Return the shape reached, without its ``| None``, and how many parts of *path* were
    followed: ``len(path)`` when all were; otherwise ``path[n]`` is a name where the shape is
    not a model or has no such field, or an index where it is not a list.
    """
    sh = shape(tp).bare
    for n, part in enumerate(path):
        if isinstance(part, str):
            fl = sh.by_name.get(part) if sh.kind == MODEL else None
            if fl is None:
                return sh, n
            sh = fl.shape.bare
        elif sh.kind == LIST:
            sh = sh.inner.bare
        else:
            return sh, n
    return sh, len(path)


def leaves(value: Any, of: tuple[type, ...]) -> list[tuple[Path_, Any]]:
    """Return the values inside *value* (a model) that are instances of *of*, with their paths.

    Depth first, in field order, list items in order.  Only the fields whose declared type can
    hold such a value are read (for numbers: no text, dates or choices).
    """
    out: list[tuple[Path_, Any]] = []
    _leaves(value, shape(type(value)), of, (), out)
    return out


def _leaves(
    value: Any, sh: Shape, of: tuple[type, ...], path: Path_, out: list[tuple[Path_, Any]]
) -> None:
    kind = sh.kind
    if kind == OPTIONAL:
        if value is None:
            return
        sh = sh.inner
        kind = sh.kind
    if kind == MODEL:
        for name, inner in _holding(sh, of):
            _leaves(getattr(value, name), inner, of, (*path, name), out)
    elif kind == LIST:
        inner = sh.inner
        for i, item in enumerate(value):
            _leaves(item, inner, of, (*path, i), out)
    elif isinstance(value, of):
        out.append((path, value))


@cache
def _holding(sh: Shape, of: tuple[type, ...]) -> tuple[tuple[str, Shape], ...]:
    """Return (name, shape) of the fields of model *sh* whose type can hold an instance of *of*."""
    return tuple((fl.name, fl.shape) for fl in sh.fields if _can_hold(fl.shape, of, frozenset()))


def _can_hold(sh: Shape, of: tuple[type, ...], seen: frozenset[Shape]) -> bool:
    if sh.kind in (LIST, OPTIONAL):
        return _can_hold(sh.inner, of, seen)
    if sh.kind == MODEL:  # a model inside itself adds nothing it does not already hold
        if sh in seen:
            return False
        seen = seen | {sh}
        return any(_can_hold(fl.shape, of, seen) for fl in sh.fields)
    if sh.kind == CHOICE:
        return any(isinstance(c, of) for c in sh.choices)
    return issubclass(sh.tp, of)


def describe(tp: Any) -> str:
    """Return a description of the expected type *tp* (Chinese, or English with ``--lang en``)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):  # also one no model declares
        return _("或").join(describe(a) for a in typing.get_args(tp) if a is not type(None))
    return _describe(shape(tp))


def _describe(sh: Shape) -> str:
    kind = sh.kind
    if kind in (OPTIONAL, LIST):
        inner = _describe(sh.inner)
        return inner if kind == OPTIONAL else _("列表（每项为{item}）").format(item=inner)
    if kind == CHOICE:
        return _("其中之一：{choices}").format(choices=join(str(a) for a in sh.choices))
    if kind == MODEL:
        return _("映射（键: 值）")
    return _(_UNIT_NAMES[sh.unit])


# ------------------------------------------------------------------ building


def _scalar_text(value: Any) -> str | None:
    """Return *value* as source text if it is a scalar (str, int, Decimal, date), else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()[:5] if isinstance(value, _dt.time) else value.isoformat()
    return None


class _Builder:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def fail(self, path: Path_, code: str, message: str, blocking: bool = True) -> None:
        self.issues.append(Issue(path, code, message, blocking))

    def value(self, sh: Shape, raw: Any, path: Path_) -> Any:
        kind = sh.kind
        if kind == OPTIONAL:
            if raw is None:
                return None
            return self.value(sh.inner, raw, path)
        if raw is None:
            self.fail(
                path, "missing-value", _("缺少取值；应为{expected}").format(expected=_describe(sh))
            )
            return None
        if kind == LIST:
            if not isinstance(raw, list):
                self.fail(path, "wrong-type", _wrong(sh, raw))
                return None
            item = sh.inner
            return tuple(self.value(item, x, (*path, i)) for i, x in enumerate(raw))
        if kind == MODEL:
            if not isinstance(raw, dict):
                self.fail(path, "wrong-type", _wrong(sh, raw))
                return None
            return self.model(sh, raw, path)
        text = _scalar_text(raw)
        if text is None:
            self.fail(path, "wrong-type", _wrong(sh, raw))
            return None
        if kind == CHOICE:
            norm = text.strip().replace("×", "x").replace("*", "x")
            for choice in sh.choices:
                if norm == choice:
                    return choice
            self.fail(
                path,
                "invalid-choice",
                _("“{value}”不是可选值；应为{expected}").format(value=text, expected=_describe(sh)),
            )
            return None
        parse = sh.parse
        if parse is not None:
            try:
                return parse(text)
            except UnitError as exc:
                self.fail(path, "invalid-value", str(exc))
                return None
        if sh.unit == "text":
            if not text.strip():
                self.fail(path, "missing-value", _("不能为空"))
                return None
            return text
        # a boolean
        if text in ("true", "false"):
            return text == "true"
        self.fail(
            path, "wrong-type", _("“{value}”不是布尔值；应为 true 或 false").format(value=text)
        )
        return None

    def model(self, sh: Shape, raw: dict[str, Any], path: Path_) -> Any:
        known = sh.by_name
        before = len(self.issues)
        kwargs: dict[str, Any] = {}
        ok = True
        misspelt = _misspellings(raw, known, [fl.name for fl in sh.fields if fl.name not in raw])
        blocking_typos: set[str] = set()
        for name, fsh, required, fld in sh.fields:
            p = (*path, name)
            if name not in raw:
                if name in misspelt.values():  # one finding, at the misspelt key (below)
                    if required:
                        ok = False
                        blocking_typos.add(name)
                elif required:
                    title = fld.metadata.get("title", "")
                    self.fail(
                        p,
                        "missing-field",
                        _("缺少必填字段“{name}”（{title}），应为{expected}").format(
                            name=name, title=title, expected=_describe(fsh)
                        ),
                    )
                    ok = False
                continue
            n = len(self.issues)
            value = self.value(fsh, raw[name], p)
            if value is None and required:
                if len(self.issues) == n:  # None without an issue: null, or e.g. "24:00"
                    if raw[name] is not None and fsh.kind == OPTIONAL:
                        kwargs[name] = None  # a value meaning "none", e.g. end: "24:00"
                        continue
                    if raw[name] is None:
                        self.fail(
                            p,
                            "missing-value",
                            _("缺少取值；应为{expected}").format(expected=_describe(fsh)),
                        )
                    else:
                        self.fail(
                            p,
                            "invalid-value",
                            _("“{value}”不能用于此处；应为{expected}").format(
                                value=raw[name], expected=_describe(fsh)
                            ),
                        )
                ok = False
                continue
            if value is None and raw[name] is None:
                continue
            kwargs[name] = value
        blocked = not ok or any(i.blocking for i in self.issues[before:])
        # Unknown keys are errors too, but they do not stop the model from being built, so the
        # consistency checks still run and the user sees every problem at once.
        for key in raw:
            if key in misspelt:
                self.fail(
                    (*path, key),
                    "unknown-field",
                    _("未知字段“{key}”，您是否想写“{match}”？").format(
                        key=key, match=misspelt[key]
                    ),
                    blocking=misspelt[key] in blocking_typos,
                )
            elif key not in known:
                self.fail((*path, key), "unknown-field", _unknown(key, known), blocking=False)
        return None if blocked else sh.tp(**kwargs)


def _wrong(sh: Shape, raw: Any) -> str:
    """Return the message for a value of the wrong shape: a mapping, a list or a scalar."""
    expected = _describe(sh)
    if isinstance(raw, dict):
        return _("应为{expected}，实际是映射").format(expected=expected)
    if isinstance(raw, list):
        return _("应为{expected}，实际是列表").format(expected=expected)
    return _("应为{expected}，实际是“{value}”").format(expected=expected, value=raw)


def _misspellings(raw: dict[str, Any], known: Collection[str], absent: list[str]) -> dict[str, str]:
    """Return ``{unknown key: absent field}`` for keys that are a field of *absent* misspelt.

    ``penalty_per_hr`` next to a missing ``penalty_per_hour`` is one mistake, not two: it is
    reported once, at the key the user wrote, with the field it should have been.
    """
    import difflib

    out: dict[str, str] = {}
    free = {name.lower(): name for name in absent}
    for key in raw:
        if key in known or not isinstance(key, str):
            continue
        match = difflib.get_close_matches(key.lower(), sorted(free), n=1, cutoff=0.6)
        if match:
            out[key] = free.pop(match[0])
    return out


def _unknown(key: str, known: Collection[str]) -> str:
    import difflib

    match = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    if match:
        return _("未知字段“{key}”，您是否想写“{match}”？").format(key=key, match=match[0])
    return _("未知字段“{key}”；此处允许的字段：{fields}").format(
        key=key, fields=join(sorted(known))
    )


def build(cls: type[M], raw: dict[str, Any], path: Path_ = ()) -> tuple[M | None, list[Issue]]:
    """Build model *cls* from plain data *raw*; return the instance (or None) and the issues."""
    b = _Builder()
    inst = b.model(shape(cls), raw, path)
    return inst, b.issues
