"""Check the generated JSON Schema: committed files fresh, real specs valid, units exact."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from kindkit import editor_view

from letters import json_schema as js
from letters import kinds, units
from letters.modeling import Model, fields_of
from letters.scaffold import scaffold_text

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "schemas"
KINDS = kinds.names()


def validator(template: str | None) -> Draft202012Validator:
    data = json.loads((SCHEMAS / js.file_name(template)).read_text(encoding="utf-8"))
    return Draft202012Validator(data, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(template: str | None, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(template).iter_errors(instance)
    ]


def acceptance_root() -> Path:
    """Return the shared acceptance folder, or its copy under tests/fixtures."""
    shared = REPO.parent / "shared" / "acceptance"
    if (shared / "invalid" / "expected.json").is_file():
        return shared
    return REPO / "tests" / "fixtures" / "acceptance"


def valid_specs() -> list[Path]:
    root = acceptance_root()
    return [
        root / "sla-response.yaml",
        root / "continuity.yaml",
        *sorted((REPO / "contracts").glob("*.yaml")),
    ]


# ------------------------------------------------------------------ the committed files


@pytest.mark.parametrize("name", [js.file_name(None), *(js.file_name(k) for k in KINDS)])
def test_committed_schema_is_fresh(name: str) -> None:
    committed = SCHEMAS / name
    assert committed.is_file(), f"{committed} missing: run scripts/gen-schema"
    assert committed.read_text(encoding="utf-8") == js.files()[name], (
        f"{committed} is stale: run scripts/gen-schema and commit the result"
    )


def test_generation_is_deterministic() -> None:
    assert js.files() == js.files()
    text = js.schema_text(None)
    assert text.endswith("}\n") and "服务响应时间承诺函" in text  # ensure_ascii=False


@pytest.mark.parametrize("template", [None, *KINDS])
def test_schema_is_valid_draft_2020_12(template: str | None) -> None:
    data = js.schema(template)
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(data)


def _all_object_schemas(node: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "properties" in node and "$defs" not in node:
            out.append(node)
        for v in node.values():
            out.extend(_all_object_schemas(v))
    elif isinstance(node, list):
        for v in node:
            out.extend(_all_object_schemas(v))
    return out


def test_every_model_is_closed_and_every_field_described() -> None:
    data = js.schema(None)
    for name, d in data["$defs"].items():
        if "properties" not in d:
            continue
        assert d["additionalProperties"] is False, name
        for key, prop in d["properties"].items():
            assert prop.get("title") and prop.get("description"), f"{name}.{key}"
            assert re.search(r"[\u4e00-\u9fff]", prop["title"]), f"{name}.{key} title not Chinese"


def test_required_defaults_and_examples_follow_the_models() -> None:
    defs = js.schema(None)["$defs"]
    assert defs["SlaAgreement"]["required"] == ["name", "number", "total", "effective", "expires"]
    assert defs["SlaAgreement"]["properties"]["currency"]["default"] == "CNY"
    assert defs["Signatory"]["properties"]["party"]["default"] == "provider"
    assert defs["ValueAdded"]["properties"]["dashboard"]["default"] is False
    # the model's example first, then the unit's (an editor completes an empty value with them)
    assert defs["SlaAgreement"]["properties"]["total"]["examples"] == [
        "1200000.00",
        1200000,
        "1,200,000.00",
    ]
    coverage = defs["Tier"]["properties"]["coverage"]
    assert {"7x24", "7×24", "business_hours"} <= set(coverage["enum"])
    # optional blocks and values accept null (an emptied "adjustments:"), required ones do not
    data = editor_view(scaffold_text("sla-response"))
    assert errors(None, {**data, "adjustments": None}) == []
    assert errors(None, {**data, "service": {**data["service"], "stages": None}}) == []
    assert errors(None, {**data, "agreement": None})
    assert errors(None, {**data, "agreement": {**data["agreement"], "total": None}})
    # partial variants (for extends) exist and require nothing
    assert "required" not in defs["SlaSpecPartial"]


def _walk_models(cls: type, seen: set[type]) -> None:
    seen.add(cls)
    for _name, tp, _fld in fields_of(cls):
        for arg in (tp, *typing.get_args(tp)):
            if isinstance(arg, type) and issubclass(arg, Model) and arg not in seen:
                _walk_models(arg, seen)


def test_every_model_field_is_in_the_schema() -> None:
    defs = js.schema(None)["$defs"]
    seen: set[type] = set()
    for cls in (k.model for k in kinds.all_kinds().values()):
        _walk_models(cls, seen)
    for cls in seen:
        fields = [f.name for f in dataclasses.fields(cls)]
        # a class whose name another kind's class took first is keyed Name.package
        key = cls.__name__
        if list(defs[key]["properties"]) != fields:
            key = f"{cls.__name__}.{js.qualifier(cls)}"
        assert list(defs[key]["properties"]) == fields, cls.__name__


# ------------------------------------------------------------------ real specs


@pytest.mark.parametrize("path", valid_specs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_valid_specs_validate(path: Path) -> None:
    data = editor_view(path.read_text(encoding="utf-8"))
    assert errors(None, data) == []
    assert errors(data["template"], data) == []


@pytest.mark.parametrize("kind", KINDS)
def test_scaffold_validates(kind: str) -> None:
    data = editor_view(scaffold_text(kind))
    assert errors(None, data) == []
    assert errors(kind, data) == []


def test_unknown_field_does_not_validate() -> None:
    path = acceptance_root() / "invalid" / "unknown-field.yaml"
    found = errors(None, editor_view(path.read_text(encoding="utf-8")))
    assert found, "a misspelt field must not validate"
    assert any("penalty_per_hr" in e and e.startswith("tiers/1") for e in found), found


def test_wrong_kind_and_unknown_template_do_not_validate() -> None:
    data = editor_view(scaffold_text("sla-response"))
    assert errors("continuity", data)
    assert any("template" in e for e in errors(None, {**data, "template": "sla"}))
    assert errors(None, {k: v for k, v in data.items() if k != "template"})


def test_extends_allows_a_partial_spec() -> None:
    partial = {"extends": "base.yaml", "agreement": {"total": 1300000}}
    assert errors(None, partial) == []
    assert errors(None, {**partial, "template": "sla-response"}) == []
    # without template nothing says which kind it is; with it, the partial model is closed
    assert errors(None, {**partial, "template": "sla-response", "agreement": {"totl": 1}})
    assert errors(None, {**partial, "template": "sla-response", "tiers": [{"level": "L1"}]})
    assert errors(None, {"agreement": {"total": 1300000}})  # without extends: template required


def test_editor_types_are_accepted() -> None:
    data = editor_view(scaffold_text("sla-response"))
    data["provider"]["phone"] = 1088886666  # a number to the editor, text to letters
    data["service"]["stages"] = "10"  # quoted number
    data["agreement"]["total"] = "1,200,000.00"
    data["tiers"][1]["coverage"] = "7×24"
    data["value_added"]["dashboard"] = "true"
    data["adjustments"] = None
    assert errors(None, data) == []
    data["agreement"]["total"] = -5
    data["tiers"][0]["share"] = 60
    data["letter"]["date"] = "2026-02-30"
    found = errors(None, data)
    assert any(e.startswith("agreement/total") for e in found)
    assert any(e.startswith("tiers/0/share") for e in found)
    assert any(e.startswith("letter/date") for e in found)


# ------------------------------------------------------------------ patterns == units.py


def _accepts(parser: Callable[[str], Any], text: str) -> bool:
    try:
        parser(text)
    except units.UnitError:
        return False
    return True


SAMPLES = {
    "duration": [
        "15min",
        "4h",
        "72h",
        "30d",
        "1workday",
        "2workdays",
        "50ms",
        "1.5h",
        "15分钟",
        "4小时",
        "30天",
        "1个工作日",
        "3工作日",
        "2个小时",
        "10秒钟",
        "5分",
        "1日",
        "15 min",
        " 4h ",
        "１５min",
        "15　分钟",
        "4 hr",
        "1sec",
        "1day",
        "3days",
        "1m",
        "1s",
        "15",
        "min",
        "15mins",
        "15 Min",
        "15MIN",
        "-5min",
        "1e3h",
        "1.h",
        ".5h",
        "15分鐘",
        "15min ago",
        "4 h 30 min",
        "1,5h",
        "15%",
    ],
    "percent": [
        "60%",
        "0.3%",
        "0.3％",
        "100%",
        " 5 % ",
        "１０%",
        "99.95%",
        "60",
        "%",
        "-1%",
        "1e2%",
        "0,3%",
        ".3%",
        "3.%",
        "60 %%",
        "六十%",
    ],
    "money": [
        "1200000.00",
        "1,200,000",
        "1,200,000.5",
        "1，200，000",
        "0",
        "12.3",
        " 85000.00 ",
        "１２００",
        "1200000.000",
        "-5",
        "1,20,000",
        "1.2e6",
        "12,34",
        ",100",
        "100.",
        "1 200",
        "￥100",
        "",
    ],
    "integer": ["12", "0", " 7 ", "１２", "-1", "1.0", "1e3", "12a", "", "+3"],
    "date": [
        "2026-11-22",
        " 2026-11-22 ",
        "2026-1-22",
        "26-11-22",
        "2026/11/22",
        "２０２６-１１-２２",
        "2026-11-22T00:00",
        "20261122",
        "2026-02-30",
        "2026-02-29",
        "2024-02-29",
        "2000-02-29",
        "2100-02-29",
        "1900-02-28",
        "2026-04-31",
        "2026-12-31",
        "2026-13-01",
        "2026-00-10",
        "2026-01-00",
        "0000-01-01",
        "0001-01-01",
        "9999-12-31",
    ],
}

TIME_SAMPLES = [
    "09:00",
    "9:00",
    "00:00",
    "23:59",
    "19:30",
    "18：00",
    " 09:00 ",
    "９:00",
    "09:0９",
    "24:00",
    "24:0０",
    "24:01",
    "24:30",
    "25:00",
    "20:60",
    "9",
    "09:00:00",
    "0900",
    "9.00",
    "１９:00",
    "",
]

PARSERS = {
    "duration": units.parse_duration,
    "percent": units.parse_percent,
    "money": units.parse_money,
    "integer": units.parse_int,
}


def _date_ok(text: str) -> bool:
    try:
        units.parse_date(text)
    except units.UnitError:
        return False
    return True


@pytest.mark.parametrize("unit", sorted(SAMPLES))
def test_patterns_accept_exactly_what_units_accept(unit: str) -> None:
    pattern = re.compile(js.PATTERNS[unit])
    accept = _date_ok if unit == "date" else (lambda t: _accepts(PARSERS[unit], t))
    for text in SAMPLES[unit]:
        assert bool(pattern.search(text)) == accept(text), (unit, text)


def test_unit_patterns_cover_every_duration_unit() -> None:
    pattern = re.compile(js.PATTERNS["duration"])
    for name in units._UNITS:
        assert pattern.search(f"3{name}"), name
        assert units.parse_duration(f"3{name}")


def test_time_patterns_match_the_model() -> None:
    required = re.compile(js.PATTERNS["time"])
    optional = re.compile(js.PATTERNS["time-or-end"])
    for text in TIME_SAMPLES:
        try:
            value = units.parse_time(text)
            ok, end_of_day = True, value is None
        except units.UnitError:
            ok, end_of_day = False, False
        assert bool(optional.search(text)) == ok, text
        # a required time (business_hours.start) cannot be "24:00"
        assert bool(required.search(text)) == (ok and not end_of_day), text


def test_text_pattern_refuses_blank_only() -> None:
    pattern = re.compile(js.PATTERNS["text"])
    for text, ok in (
        ("王建国", True),
        ("  x ", True),
        ("", False),
        ("   ", False),
        ("\u3000", False),
    ):
        assert bool(pattern.search(text)) == ok, repr(text)


def test_patterns_read_alike_in_python_and_ecmascript() -> None:
    # Only syntax both engines read the same way: no (?P<…>), lookbehind, \A, \Z, \U, possessive.
    for unit, pattern in js.PATTERNS.items():
        assert not re.search(r"\(\?[P<=!]|\\[AZzUN]|[+*?]\+", pattern), unit
        # Ajv compiles patterns with the "u" flag, which refuses escapes of plain characters
        assert set(re.findall(r"\\.", pattern)) <= {r"\s", r"\S", r"\.", r"\d"}, unit


def test_combined_error_names_the_misspelt_field_only_once_per_kind() -> None:
    # The combined schema switches on template (if/then), so a misspelling in an sla-response
    # spec is reported against the sla-response model only, not against every kind.
    path = acceptance_root() / "invalid" / "unknown-field.yaml"
    found = errors(None, editor_view(path.read_text(encoding="utf-8")))
    assert not any("monthly_fee" in e for e in found), found


# ------------------------------------------------------------------ strict draft 2020-12
#
# Every published schema must compile under Ajv's default strict mode
# (``ajv compile --spec=draft2020``, no flags): no unknown keyword (``patternErrorMessage`` is
# one), no ``format`` (Ajv knows none without the ajv-formats plugin), a ``type`` next to
# every type-specific keyword, no union type but ``[T, "null"]``, ``if`` with ``then`` or
# ``else``.  The pure-Python check below enforces those rules on every run; the Ajv test runs
# the real validator wherever node's npx has ajv-cli@5 in its cache.

# The keywords of the draft 2020-12 vocabularies (core, applicator, unevaluated, validation,
# meta-data, format-annotation, content).
KEYWORDS_2020_12 = {
    "$schema",
    "$id",
    "$ref",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$vocabulary",
    "$comment",
    "$defs",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "prefixItems",
    "items",
    "contains",
    "properties",
    "patternProperties",
    "additionalProperties",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "type",
    "const",
    "enum",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "required",
    "dependentRequired",
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "examples",
    "format",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
}

# The keywords that apply to one JSON type only (the "type" of each Ajv keyword definition).
TYPED_KEYWORDS = {
    "number": {"maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf"},
    "string": {"maxLength", "minLength", "pattern"},
    "array": {
        "maxItems",
        "minItems",
        "uniqueItems",
        "items",
        "prefixItems",
        "contains",
        "minContains",
        "maxContains",
        "unevaluatedItems",
    },
    "object": {
        "maxProperties",
        "minProperties",
        "required",
        "dependentRequired",
        "properties",
        "patternProperties",
        "additionalProperties",
        "propertyNames",
        "dependentSchemas",
        "unevaluatedProperties",
    },
}

# Subschemas that apply to the same value (they inherit the types known so far) ...
_IN_PLACE = ("not", "if", "then", "else")
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE_MAPS = ("dependentSchemas",)
# ... and those that apply to a part of it, or are reached by $ref (they start afresh).
_CHILD = (
    "additionalProperties",
    "propertyNames",
    "items",
    "contains",
    "unevaluatedItems",
    "unevaluatedProperties",
)
_CHILD_LISTS = ("prefixItems",)
_CHILD_MAPS = ("properties", "patternProperties", "$defs")


def _includes(types: list[str], t: str) -> bool:
    return t in types or (t == "integer" and "number" in types)


def strict_problems(node: Any, where: str = "#", context: tuple[str, ...] = ()) -> list[str]:
    """Return what Ajv's strict mode (strictSchema, strictTypes, strictTuples) refuses in *node*.

    *context* holds the types that the schemas applying to the same value have declared (Ajv's
    ``dataTypes``): a schema inside ``allOf``/``if``/``then``... of an object schema needs no
    ``type`` of its own for ``required``.
    """
    if isinstance(node, bool):
        return []
    if not isinstance(node, dict):
        return [f"{where}: not a schema"]
    out = [f"{where}: unknown keyword {k!r}" for k in node if k not in KEYWORDS_2020_12]
    if "format" in node:
        out.append(f"{where}: format {node['format']!r} is unknown to Ajv without ajv-formats")
    if "if" in node and "then" not in node and "else" not in node:
        out.append(f"{where}: if without then or else")
    if ("then" in node or "else" in node) and "if" not in node:
        out.append(f"{where}: then/else without if")
    if "prefixItems" in node and ("minItems" not in node or "items" not in node):
        out.append(f"{where}: prefixItems needs minItems and items (strictTuples)")
    declared = node.get("type", [])
    types = [declared] if isinstance(declared, str) else list(declared)
    if len(types) > 1 and not (len(types) == 2 and "null" in types):
        out.append(f'{where}: union type {types} (only [T, "null"] is allowed)')
    known = list(context)
    if types and known:
        out += [
            f"{where}: type {t!r} not allowed by context {known}"
            for t in types
            if not _includes(known, t)
        ]
        known = [t for t in known if _includes(types, t)] or types
    elif types:
        known = types
    for json_type, keywords in TYPED_KEYWORDS.items():
        for keyword in sorted(keywords & node.keys()):
            if not (json_type in known or (json_type == "number" and "integer" in known)):
                out.append(f"{where}: missing type {json_type!r} for keyword {keyword!r}")
    for key in _IN_PLACE:
        if key in node:
            out += strict_problems(node[key], f"{where}/{key}", tuple(known))
    for key in _IN_PLACE_LISTS:
        for i, sub in enumerate(node.get(key, [])):
            out += strict_problems(sub, f"{where}/{key}/{i}", tuple(known))
    for key in _IN_PLACE_MAPS:
        for name, sub in node.get(key, {}).items():
            out += strict_problems(sub, f"{where}/{key}/{name}", tuple(known))
    for key in _CHILD:
        if key in node:
            out += strict_problems(node[key], f"{where}/{key}")
    for key in _CHILD_LISTS:
        for i, sub in enumerate(node.get(key, [])):
            out += strict_problems(sub, f"{where}/{key}/{i}")
    for key in _CHILD_MAPS:
        for name, sub in node.get(key, {}).items():
            out += strict_problems(sub, f"{where}/{key}/{name}")
    return out


def published() -> list[Path]:
    """Return every schema file in schemas/ (all of them are published)."""
    return sorted(SCHEMAS.glob("*.json"))


def test_the_published_schemas_are_the_generated_ones() -> None:
    # no other file (an editor-flavoured variant, a stale kind) escapes the checks below
    assert [p.name for p in published()] == sorted(js.files())


def test_strict_check_finds_what_ajv_refuses() -> None:
    bad = {
        "type": "object",
        "properties": {
            "a": {"type": "string", "pattern": "x", "patternErrorMessage": "应为 x"},
            "b": {"type": ["integer", "string"]},
            "c": {"pattern": "x"},
            "d": {"type": "string", "format": "date"},
            "e": {"if": {"type": "string"}},
        },
        "$defs": {"m": {"properties": {}}},
        "allOf": [{"required": ["a"]}, {"type": "string"}],
    }
    found = "\n".join(strict_problems(bad))
    assert "#/properties/a: unknown keyword 'patternErrorMessage'" in found
    assert "#/properties/b: union type" in found
    assert "#/properties/c: missing type 'string' for keyword 'pattern'" in found
    assert "#/properties/d: format 'date'" in found
    assert "#/properties/e: if without then or else" in found
    assert "#/$defs/m: missing type 'object' for keyword 'properties'" in found
    assert "#/allOf/1: type 'string' not allowed by context ['object']" in found
    assert "#/allOf/0" not in found  # required applies to the object the root declared
    assert strict_problems({"type": ["string", "null"], "pattern": "x"}) == []


@pytest.mark.parametrize("path", published(), ids=lambda p: p.name)
def test_schema_passes_ajv_strict_rules(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert strict_problems(data) == []


def test_every_unit_problem_is_explained_in_chinese() -> None:
    # Without patternErrorMessage, a YAML language server names the failing subschema's title
    # as the source of its problem ("yaml-schema: 时长，数字加单位：…"): every subschema that
    # can fail on a value carries the Chinese hint of its unit.
    defs = js.schema(None)["$defs"]

    def titled(node: dict[str, Any], where: str) -> None:
        if "if" not in node:  # a switch is never reported itself, nor its condition
            assert re.search(r"[\u4e00-\u9fff]", node.get("title", "")), where
        for key in ("then", "else"):
            if key in node:
                titled(node[key], f"{where}/{key}")

    for unit in js.PATTERNS:
        for name in (unit, f"{unit}-not-string", f"{unit}-not-string-or-null"):
            if name in defs:
                titled(defs[name], name)
    assert defs["duration"]["title"].startswith("时长，数字加单位：15min")
    assert "patternErrorMessage" not in js.schema_text(None)


def test_fields_keep_their_hover_in_an_editor() -> None:
    # A language server titles its hover with the first subschema applied to the value and
    # describes it with the first description: the unit switch is written out in each field
    # (its "if" belongs to the field) and the shared unit schemas carry no description.
    defs = js.schema(None)["$defs"]
    total = defs["SlaAgreement"]["properties"]["total"]
    assert total["if"] == {"type": "string"}
    assert total["then"] == {"$ref": "#/$defs/money"}
    assert total["else"] == {"$ref": "#/$defs/money-not-string"}
    text = json.dumps({k: v for k, v in defs.items() if k[:1].islower()}, ensure_ascii=False)
    assert '"description"' not in text


def test_unit_switch_accepts_the_editor_types_and_refuses_the_others() -> None:
    data = editor_view(scaffold_text("sla-response"))
    for value, ok in (
        (1200000, True),
        ("1,200,000.00", True),
        (0, True),
        (-1, False),
        (True, False),
        ("12万", False),
        (None, False),
        ({"a": 1}, False),
    ):
        spec = {**data, "agreement": {**data["agreement"], "total": value}}
        assert (errors(None, spec) == []) == ok, value
    for value, ok in ((3, True), ("3", True), (None, True), (-3, False), (1.5, False)):
        spec = {**data, "service": {**data["service"], "stages": value}}
        assert (errors(None, spec) == []) == ok, value
    for value, ok in (
        ("57188886666", True),
        (57188886666, True),
        (-1, True),
        (False, True),
        ("  ", False),
        ([], False),
    ):
        spec = {**data, "provider": {**data["provider"], "phone": value}}
        assert (errors(None, spec) == []) == ok, value


def _cached_ajv_cli() -> bool:
    """Return True if node's npx can run ajv-cli@5 from its cache (no network needed)."""
    if shutil.which("npx") is None:
        return False
    # npm reads its settings from npm_config_* variables in any case
    configured = [v for k, v in os.environ.items() if k.lower() == "npm_config_cache" and v]
    cache = Path(configured[0]) if configured else Path.home() / ".npm"
    for package in cache.glob("_npx/*/node_modules/ajv-cli/package.json"):
        if json.loads(package.read_text(encoding="utf-8")).get("version", "").startswith("5."):
            return True
    return False


# Collected only where ajv-cli is at hand, so it is never a skip (CI=true fails on unlisted
# skips, and CI machines need no node): test_schema_passes_ajv_strict_rules above enforces
# the same rules everywhere.
if _cached_ajv_cli():

    @pytest.mark.parametrize("path", published(), ids=lambda p: p.name)
    def test_ajv_strict_compiles_the_schema(path: Path) -> None:
        done = subprocess.run(
            ["npx", "--offline", "-y", "ajv-cli@5", "compile", "--spec=draft2020", "-s", str(path)],
            cwd=REPO,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0, output
        assert "strict mode" not in output, output
        assert f"schema {path} is valid" in output, output
