"""Generate the JSON Schema (draft 2020-12) of the spec models, for editors and validators.

The schema is walked from the models (:func:`letters.modeling.shape`), so it never drifts from
what ``letters check`` accepts: every model class becomes a ``$defs`` entry with
``additionalProperties: false`` and a ``required`` list; every field carries the Chinese
``title`` and ``description`` of its metadata, its ``default`` and its ``examples``.

What a field accepts mirrors :mod:`letters.units` exactly, as a YAML language server sees the
file (YAML 1.2: ``1200000.00`` and ``12`` are numbers, ``2026-11-22``, ``"09:00"``, ``15min`` and
``60%`` are strings, ``true`` is a boolean):

* money and whole numbers accept a number or a string matching the unit's pattern;
* durations, percentages, dates and clock times are strings with a pattern;
* text accepts any non-blank scalar (``phone: 057188886666`` is a number to the editor but text
  to ``letters``);
* ``Literal`` choices become ``enum`` (with the spellings the model normalises, ``7×24``);
* a field that may be left empty (``adjustments:``) also accepts ``null``.

Digits are ASCII or full-width (``０``–``９``).  Patterns use only syntax that Python's ``re``
and ECMAScript read alike; the date pattern accepts only days that exist (``2026-02-30`` does
not), so no ``format`` is needed.

The schema is strict draft 2020-12, as Ajv's default strict mode demands
(``ajv compile --spec=draft2020``, no options): only standard keywords (no editor-only
``patternErrorMessage``), a ``type`` next to every type-specific keyword, no union type other
than ``[T, "null"]``.  So a field switches on the JSON type of its value, with the branches
shared in ``$defs`` (``money`` is the string form, ``money-not-string`` the rest; ``…-or-null``
for a field that may be left empty)::

    "total": {"title": "合同总额（元）", "description": "…", "examples": [...],
              "if": {"type": "string"}, "then": {"$ref": "#/$defs/money"},
              "else": {"$ref": "#/$defs/money-not-string"}}
    "money": {"title": HINT, "type": "string", "pattern": "…"}
    "money-not-string": {"if": {"type": "number"},
                         "then": {"title": HINT, "type": "number", "minimum": 0},
                         "else": {"title": HINT, "type": "number"}}

HINT is the Chinese explanation of the unit (``金额（人民币元），如 1200000.00…``).  The Chinese
reaches an editor through standard annotations only: a YAML language server names the titled
subschema that failed as the source of its problem (``yaml-schema: 时长，数字加单位：…``), and
its hover takes the title of the first subschema applied and the first description, so the
``if`` is written out in each field (a shared one would carry another field's title) and the
shared branches have no description (the field's own, with its unit, is shown).  A model that
may be left empty is ``anyOf: [model, null]``.

A spec with ``extends`` may leave out anything its base provides: it is checked against the
"partial" variants of the models, which have no ``required`` lists (list items stay complete,
because a list in a derived spec replaces the base's list as a whole).

Run ``scripts/gen-schema`` to regenerate the committed schema files; ``scripts/gen-schema
--check`` exits 1 if they are stale.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from typing import Any

from . import units
from .modeling import CHOICE, LEAF, LIST, MODEL, OPTIONAL, Field, Model, Shape, shape

DRAFT = "https://json-schema.org/draft/2020-12/schema"
COMBINED = "letters"

# ------------------------------------------------------------------ unit patterns

DIGIT = "[0-9０-９]"
_WS = r"\s*"
_NUMBER = f"{DIGIT}+(?:\\.{DIGIT}+)?"


# A day that exists (what datetime.date.fromisoformat reads): years 0001-9999, 29 February only
# in leap years.  Exact, so the schema needs no ``format: date`` (which strict Ajv refuses
# without the ajv-formats plugin, and YAML language servers check only for its shape).
_YEAR = "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_DATE = (
    f"(?:{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    f"|{_LEAP_YEAR}-02-29)"
)


def _duration_units() -> list[str]:
    """Return every unit spelling :func:`letters.units.parse_duration` accepts, longest first."""
    return sorted(units._UNITS, key=lambda u: (-len(u), u))


PATTERNS: dict[str, str] = {
    "text": r"\S",
    "integer": f"^{_WS}{DIGIT}+{_WS}$",
    "money": f"^{_WS}(?:{DIGIT}{{1,3}}(?:[,，]{DIGIT}{{3}})+|{DIGIT}+)(?:\\.{DIGIT}{{1,2}})?{_WS}$",
    "percent": f"^{_WS}{_NUMBER}{_WS}[%％]{_WS}$",
    "duration": f"^{_WS}{_NUMBER}{_WS}(?:{'|'.join(_duration_units())}){_WS}$",
    "date": f"^{_WS}{_DATE}{_WS}$",
    "time": f"^{_WS}(?:[01]?{DIGIT}|2[0-3])[:：][0-5]{DIGIT}{_WS}$",
    "time-or-end": (f"^{_WS}(?:(?:[01]?{DIGIT}|2[0-3])[:：][0-5]{DIGIT}|24[:：]0[0０]){_WS}$"),
}

_UNIT_TEXT: dict[str, str] = {
    "text": "文字，不能为空",
    "integer": "非负整数，如 12",
    "money": "金额（人民币元），如 1200000.00 或 1,200,000，最多两位小数",
    "percent": "百分比，写作 60%、0.3% 或 0.3％",
    "duration": (
        "时长，数字加单位：15min、4h、72h、30d、1workday、50ms，或 15分钟、4小时、30天、1个工作日"
        "（单位：ms/毫秒、s/秒、min/分钟、h/小时、d/天/日、workday/工作日）"
    ),
    "date": "日期，ISO 格式，如 2026-11-22，须是实有的日期",
    "time": '时刻，写作 "09:00"（建议加引号）',
    "time-or-end": '时刻，写作 "18:00"（建议加引号）；"24:00" 表示当日结束',
}

# The short form, appended to each field's own description.
_UNIT_SHORT: dict[str, str] = {
    "text": "文字",
    "integer": "整数",
    "money": "金额（元），如 1200000.00，最多两位小数",
    "percent": "百分比，如 60%、0.3%",
    "duration": "时长，如 15min、4h、30d、1workday、15分钟、1个工作日",
    "date": "日期，如 2026-11-22",
    "time": '时刻，如 "09:00"（建议加引号）',
    "time-or-end": '时刻，如 "18:00"（建议加引号）；"24:00" 表示当日结束',
}

_UNIT_EXAMPLES: dict[str, list[Any]] = {
    "integer": [12],
    "money": [1200000, "1,200,000.00"],
    "percent": ["60%", "0.3%"],
    "duration": ["15min", "4h", "30d", "1workday", "15分钟", "1个工作日"],
    "date": ["2026-11-22"],
    "time": ["09:00"],
    "time-or-end": ["18:00", "24:00"],
}

# JSON types a YAML language server may report for a scalar of each unit.  Every unit takes a
# string; the first type is the one a value of any other type is told to be.
_UNIT_TYPES: dict[str, list[str]] = {
    "text": ["string", "number", "boolean"],
    "integer": ["integer", "string"],
    "money": ["number", "string"],
    "percent": ["string"],
    "duration": ["string"],
    "date": ["string"],
    "time": ["string"],
    "time-or-end": ["string"],
}


def _unit_string_def(unit: str) -> dict[str, Any]:
    """Return the schema of *unit* written as a string: its pattern, titled with the hint.

    No ``examples`` here: the fields carry them, where an editor completes an empty value.
    """
    return {"title": _UNIT_TEXT[unit], "type": "string", "pattern": PATTERNS[unit]}


def _unit_other_def(unit: str, nullable: bool) -> dict[str, Any]:
    """Return the schema of a value of *unit* that is not a string: a switch on its JSON type.

    Each type the unit takes has its branch (an amount or a count is not negative); a value of
    any other type falls through to the last schema, which names the unit's first type (and
    ``null`` when the field may be left empty).  Every branch is titled with the hint.
    """
    hint = _UNIT_TEXT[unit]
    types_ = _UNIT_TYPES[unit]
    node: dict[str, Any] = {"title": hint, "type": [types_[0], "null"] if nullable else types_[0]}
    for json_type in reversed([t for t in types_ if t != "string"]):
        then: dict[str, Any] = {"title": hint, "type": json_type}
        if unit in ("integer", "money"):
            then["minimum"] = 0
        node = {"if": {"type": json_type}, "then": then, "else": node}
    return node


# ------------------------------------------------------------------ the walk


def _literal_spellings(choice: str) -> list[str]:
    """Return *choice* and each spelling the model normalises to it (``7×24``, ``7*24``)."""
    parts = choice.split("x")
    out = []
    for seps in itertools.product("x×*", repeat=len(parts) - 1):
        out.append(parts[0] + "".join(s + p for s, p in zip(seps, parts[1:], strict=True)))
    return out


def _json_default(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def _unit_of(sh: Shape, required: bool) -> str:
    """Return the unit of *sh* as the schema names it, or "" if *sh* is no unit leaf."""
    if sh.kind != LEAF or sh.unit == "bool":
        return ""
    # A required clock time cannot be "24:00" (the model reads it as "no time").
    if sh.unit == "time":
        return "time" if required else "time-or-end"
    return sh.unit


def qualifier(cls: type) -> str:
    """Return the package that tells *cls* from another kind's class of the same name."""
    return cls.__module__.removesuffix(".model").rsplit(".", 1)[-1]


class _Walker:
    """Collect ``$defs`` while turning model classes into schemas."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.names: dict[tuple[type, bool], str] = {}

    def _name(self, cls: type, partial: bool) -> str:
        """Return the ``$defs`` key of *cls*: its class name, or ``Name.package`` when another
        kind's class of the same name took that key first (two kinds may both have an
        ``Incident``).  The key starts with the class name, so model keys stay capitalised
        and the shared unit schemas (``money``, ``duration``…) lower-case."""
        key = (cls, partial)
        if key not in self.names:
            suffix = "Partial" if partial else ""
            name = cls.__name__ + suffix
            if name in self.defs or name in self.names.values():
                name = f"{name}.{qualifier(cls)}"
            self.names[key] = name
        return self.names[key]

    def unit(self, unit: str, nullable: bool = False) -> dict[str, Any]:
        """Return the schema of a value of *unit*: its string form or another JSON type.

        The switch on ``string`` is written out in each field, the branches are shared in
        ``$defs``: a YAML language server titles its hover with the first subschema it
        applied, so that one must belong to the field (a shared one keeps another field's).
        """
        other = f"{unit}-not-string" + ("-or-null" if nullable else "")
        if unit not in self.defs:
            self.defs[unit] = _unit_string_def(unit)
        if other not in self.defs:
            self.defs[other] = _unit_other_def(unit, nullable)
        return {
            "if": {"type": "string"},
            "then": {"$ref": f"#/$defs/{unit}"},
            "else": {"$ref": f"#/$defs/{other}"},
        }

    def model(self, cls: type[Model], partial: bool = False) -> str:
        name = self._name(cls, partial)
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name (and the order) before recursing
            self.defs[name] = self._model_schema(cls, partial)
        return f"#/$defs/{name}"

    def _model_schema(self, cls: type, partial: bool) -> dict[str, Any]:
        doc = (cls.__doc__ or cls.__name__).strip().splitlines()[0]
        props: dict[str, Any] = {}
        required: list[str] = []
        for fl in shape(cls).fields:
            props[fl.name] = self.field(fl, partial)
            if fl.required:
                required.append(fl.name)
        out: dict[str, Any] = {"title": doc}
        about = getattr(cls, "__doc_zh__", "")
        if about:
            out["description"] = about
        out["type"] = "object"
        out["properties"] = props
        if required and not partial:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def field(self, fl: Field, partial: bool) -> dict[str, Any]:
        fld, required = fl.field, fl.required
        meta = fld.metadata
        # The model takes null as "left out" only for a field that may be left out.
        nullable = fl.shape.kind == OPTIONAL and not required
        out: dict[str, Any] = {"title": meta.get("title", fld.name)}
        body, unit_text = self.value(fl.shape.bare, required, partial, nullable)
        description = meta.get("description") or ""
        notes = [description.rstrip("。") if description else out["title"]]
        if unit_text:
            notes.append(unit_text)
        if not required:
            notes.append("可选")
        out["description"] = "。".join(notes) + "。"
        examples = [meta["example"]] if meta.get("example") is not None else []
        # The unit's examples too: an editor completes an empty value with them.
        unit = _unit_of(fl.shape.bare, required)
        examples += [e for e in _UNIT_EXAMPLES.get(unit, []) if e not in examples]
        out.update(body)
        if not required:
            default = fld.default
            if fld.default_factory is not dataclasses.MISSING:
                default = fld.default_factory()
            if default is not None:
                out["default"] = _json_default(default)
        if examples:
            out["examples"] = examples
        return out

    def value(
        self, sh: Shape, required: bool, partial: bool, nullable: bool = False
    ) -> tuple[dict[str, Any], str]:
        """Return the schema of a value of shape *sh* and the Chinese text explaining its unit.

        With *nullable* the schema also accepts ``null``; every schema has one JSON type at
        most besides ``null`` (strict draft 2020-12).
        """
        if sh.kind == LIST:
            # List items are never partial: a list in a derived spec replaces the base's list.
            items, text = self.value(sh.inner, True, False)
            return {"type": ["array", "null"] if nullable else "array", "items": items}, (
                f"列表，每项为{text}"
            )
        if sh.kind == CHOICE:
            choices = [str(c) for c in sh.choices]
            text = "可选值：" + "、".join(choices)
            spellings: list[Any] = [s for c in choices for s in _literal_spellings(c)]
            if nullable:
                return {"type": ["string", "null"], "enum": [*spellings, None]}, text
            if len(choices) == 1:
                return {"type": "string", "const": choices[0]}, text
            return {"type": "string", "enum": spellings}, text
        if sh.kind == MODEL:
            ref = {"$ref": self.model(sh.tp, partial)}
            # A language server reports the first alternative's problems: the model's.
            return ({"anyOf": [ref, {"type": "null"}]} if nullable else ref), "映射"
        if sh.kind == OPTIONAL:  # an item of a list: not declared by any model
            raise TypeError(f"unsupported type {sh.tp!r} in a list")
        if sh.unit == "bool":
            return {"enum": [True, False, "true", "false", *([None] if nullable else [])]}, (
                "true 或 false"
            )
        unit = _unit_of(sh, required)
        return self.unit(unit, nullable), _UNIT_SHORT[unit]


def _kind_branch(walker: _Walker, name: str) -> dict[str, Any]:
    """Return ``if extends then <partial> else <complete>`` for the letter kind *name*."""
    from . import kinds

    cls = kinds.get(name).model
    complete = walker.model(cls)
    return {
        "if": {"required": ["extends"]},
        "then": {"$ref": walker.model(cls, partial=True)},
        "else": {"$ref": complete},
    }


def schema(template: str | None = None) -> dict[str, Any]:
    """Return the JSON Schema of one letter kind, or of all kinds switched on ``template``."""
    from . import kinds

    if template is not None and kinds.find(template) is None:
        raise KeyError(template)
    titles = {name: kind.title for name, kind in kinds.all_kinds().items()}
    walker = _Walker()
    names = [template] if template else list(titles)
    out: dict[str, Any] = {"$schema": DRAFT}
    if template:
        title = titles[template].partition("：")[0]
        out["title"] = f"letters 规格：{title}（template: {template}）"
        out["description"] = (
            f"{titles[template]}。由 letters schema {template} 生成；"
            "与 letters check 接受的字段、类型和单位一致（数字之间的一致性由 letters check 检查）。"
        )
        out["type"] = "object"
        out.update(_kind_branch(walker, template))
    else:
        out["title"] = "letters 合同规格"
        out["description"] = (
            "letters 的合同规格（承诺函）。template 决定文书类型及其余字段："
            + "；".join(f"{k}（{v.split('：')[0]}）" for k, v in titles.items())
            + "。由 letters schema 生成；数字之间的一致性由 letters check 检查。"
        )
        out["type"] = "object"
        out["properties"] = {
            "template": {
                "title": "文书类型",
                "description": "；".join(f"{k}：{v}" for k, v in titles.items()) + "。",
                "type": "string",
                "enum": list(titles),
            },
            "extends": {
                "title": "继承自",
                "description": "基础规格文件的相对路径；可省略基础规格已有的字段（包括 template）。可选。",
                "type": "string",
            },
        }
        # Without extends, template is required; with it, template may come from the base.
        branches: list[dict[str, Any]] = [
            {"if": {"required": ["extends"]}, "else": {"required": ["template"]}}
        ]
        for name in names:
            branches.append(
                {
                    "if": {"properties": {"template": {"const": name}}, "required": ["template"]},
                    "then": _kind_branch(walker, name),
                }
            )
        out["allOf"] = branches
    out["$defs"] = walker.defs
    return out


def dumps(value: dict[str, Any]) -> str:
    """Return *value* as the committed form: UTF-8 text, indent 2, trailing newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def schema_text(template: str | None = None) -> str:
    """Return the JSON Schema of *template* (or the combined one) as text."""
    return dumps(schema(template))


def file_name(template: str | None) -> str:
    """Return the file name of a committed schema (``letters.schema.json`` for the combined)."""
    return f"{template or COMBINED}.schema.json"


def files() -> dict[str, str]:
    """Return ``{file name: text}`` for every committed schema file."""
    from . import kinds

    out = {file_name(None): schema_text(None)}
    for name in kinds.names():
        out[file_name(name)] = schema_text(name)
    return out
