"""Load YAML specs safely into plain values, keeping a source mark for every node.

Only this module imports ``yaml``.  The loader composes the YAML node graph with PyYAML's safe
composer and converts it itself, so that:

* every mapping key, mapping value and sequence item keeps its (file, line, column);
* duplicate keys are an error at the second key;
* aliases are followed, but the total number of nodes produced is bounded (no alias bombs);
* no YAML 1.1 guessing happens: every scalar stays the exact text that was written
  (``9:00`` stays ``"9:00"``, ``no`` stays ``"no"``, ``1200000.00`` stays ``"1200000.00"``);
  only ``null``/``~``/empty become ``None``.  The model layer converts text to typed values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Mark, Path_, SpecError
from .i18n import N_, _

MAX_NODES = 100_000
MAX_DEPTH = 64
MAX_BYTES = 4 * 1024 * 1024
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# Control characters cannot go into a document; U+2028/U+2029 are invisible line breaks to YAML
# (they would shift every line number after them) but not to editors: refuse them all.
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_STD_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "map", "seq", "null", "int", "float", "bool")
)


@dataclass
class Source:
    """Hold one loaded document: its plain data and the mark of every path in it."""

    file: str
    data: Any
    marks: dict[Path_, Mark]
    text: str
    # where each mapping key itself stands, for findings about the key (an unknown field)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)

    def key_mark(self, path: Path_) -> Mark:
        """Return the mark of the key of *path* if known, else :meth:`mark`."""
        return self.key_marks.get(tuple(path)) or self.mark(path)

    def mark(self, path: Path_) -> Mark:
        """Return the mark of *path*, or of its longest prefix that has one."""
        p = tuple(path)
        while p:
            m = self.marks.get(p)
            if m is not None:
                return m
            p = p[:-1]
        return self.marks.get((), Mark(self.file, 1, 1))


def read_text(path: Path) -> tuple[str, str]:
    """Read *path* as UTF-8 (BOM allowed); return (text, display name) or raise SpecError.

    The path ``-`` is standard input (display name ``-``), as in ruff and most tools.
    """
    name = str(path)
    if name == "-":
        return _read_stdin(), name
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            raise SpecError.single(
                name,
                "file-unreadable",
                _("不是普通文件（设备、管道等），无法作为规格读取"),
                exit_code=2,
            )
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # never read more than the limit allows
    except FileNotFoundError:
        raise SpecError.single(name, "file-missing", _("找不到文件"), exit_code=2) from None
    except IsADirectoryError:
        raise SpecError.single(
            name, "file-unreadable", _("这是一个文件夹，不是规格文件"), exit_code=2
        ) from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        error = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SpecError.single(
            name, "file-unreadable", _("无法读取文件：{error}").format(error=error), exit_code=2
        ) from None
    if len(raw) > MAX_BYTES:
        raise SpecError.single(
            name,
            "file-too-large",
            _("文件过大（{size} 字节，上限 {limit} 字节）").format(
                size=f"{path.stat().st_size}", limit=MAX_BYTES
            ),
        )
    return decode(raw, name), name


def _read_stdin() -> str:
    """Read one spec from standard input, within the same limits as a file."""
    import sys

    stream = sys.stdin
    try:
        if stream is None:
            raise OSError(_("没有标准输入"))
        buffer = getattr(stream, "buffer", None)  # a text stream without bytes: a test's StringIO
        raw = buffer.read(MAX_BYTES + 1) if buffer is not None else stream.read().encode("utf-8")
    except (OSError, ValueError) as exc:  # ValueError: stdin closed
        error = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SpecError.single(
            "-", "file-unreadable", _("无法读取文件：{error}").format(error=error), exit_code=2
        ) from None
    if len(raw) > MAX_BYTES:
        raise SpecError.single(
            "-",
            "file-too-large",
            _("标准输入的内容超过上限 {limit} 字节").format(limit=MAX_BYTES),
        )
    return decode(raw, "-")


def decode(raw: bytes, name: str) -> str:
    """Decode *raw* as UTF-8 (with or without BOM); explain other encodings clearly."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpecError.single(name, "encoding", _("文件为 UTF-16 编码；请另存为 UTF-8 编码后重试"))
    if raw.count(b"\x00") * 4 > len(raw):  # UTF-16/32 without a BOM: every other byte is NUL
        raise SpecError.single(
            name, "encoding", _("文件看起来是 UTF-16 编码（无 BOM）；请另存为 UTF-8 编码后重试")
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[start : exc.start].decode("utf-8", "replace")) + 1  # characters, not bytes
        try:
            raw.decode("gb18030")
            hint = _(
                "文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码（常见于 Windows 记事本或 Excel）；"
                "请在编辑器中另存为 UTF-8 编码后重试"
            )
        except UnicodeDecodeError:
            hint = _("文件不是 UTF-8 编码；请在编辑器中另存为 UTF-8 编码后重试")
        raise SpecError(
            [
                Diagnostic(
                    "encoding",
                    "error",
                    (),
                    hint,
                    Mark(name, line, col),
                )
            ]
        ) from None


def load_text(text: str, name: str) -> Source:
    """Parse YAML *text* (from file *name*) into a :class:`Source`, or raise SpecError."""
    import yaml

    bad = ILLEGAL_XML.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise SpecError.single(
            name,
            "control-character",
            _("含有不可见的控制字符 {char}，无法写入文书；请删除该字符").format(
                char=f"U+{ord(bad.group()):04X}"
            ),
            line=line,
            column=col,
        )
    try:
        loader = _loader_class()(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except (_TooDeep, RecursionError):  # the pure-Python composer recurses once per level
        raise _too_deep(text, name) or SpecError.single(
            name, "yaml-too-deep", _("嵌套层数过多（上限 {limit} 层）").format(limit=MAX_DEPTH)
        ) from None
    except yaml.YAMLError as exc:
        # A parser's own nesting limit (libyaml >= 0.2.5 stops at 1,000 levels with "exceeded
        # maximum nesting depth", as PyYAML 6.0.4's wheels do) must read as our limit, at our
        # line, whichever loader and release is installed.  Only such an error is worth the
        # second, pure-Python reading: an ordinary syntax error in a large file is not.
        if _about_nesting(exc):
            deep = _too_deep(text, name)
            if deep is not None:
                raise deep from None
        raise _syntax_error(exc, text, name) from None
    if node is None:
        raise SpecError.single(
            name, "empty-file", _("文件为空：规格应为一个以 template: 开头的映射")
        )
    builder = _Builder(name)
    data = builder.build(node, ())
    if not isinstance(data, dict):
        if isinstance(data, list):
            msg = _("规格的顶层应为映射（键: 值），实际是列表")
        else:
            msg = _("规格的顶层应为映射（键: 值），实际是单个值")
        raise SpecError.single(
            name,
            "not-a-mapping",
            msg,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
        )
    builder.marks.setdefault((), Mark(name, 1, 1))
    return Source(name, data, builder.marks, text, builder.key_marks)


def _syntax_error(exc: Any, text: str, name: str) -> SpecError:
    """Return the ``yaml-syntax`` error for a PyYAML exception, at the line it names."""
    import yaml

    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        last = text.count("\n") + 1
        if line > last:  # libyaml puts "end of file" on a line after the last one
            line, col = last, len(text) - (text.rfind("\n") + 1) + 1
        what = _yaml_problem(exc, text, mark)
    else:
        # e.g. ReaderError: no mark, but a character position; keep the message on one line
        pos = getattr(exc, "position", None)
        line, col = 1, 1
        if isinstance(pos, int) and 0 <= pos <= len(text):
            line = text.count("\n", 0, pos) + 1
            col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        what = " ".join(str(exc).split())
    return SpecError.single(
        name,
        "yaml-syntax",
        _("YAML 语法错误：{problem}").format(problem=what),
        line=line,
        column=col,
    )


def _about_nesting(exc: Any) -> bool:
    """Return True if a YAML error is about nesting (a depth, level or recursion limit)."""
    words = " ".join(str(getattr(exc, a, "") or "") for a in ("problem", "context")).lower()
    return any(w in words for w in ("nest", "depth", "recursion", "too deep"))


def _too_deep(text: str, name: str) -> SpecError | None:
    """Find the first node nested deeper than MAX_DEPTH by reading events, not composing.

    This runs only after composing failed.  It reads with PyYAML's pure-Python parser, which
    is iterative and has no nesting limit of its own (libyaml's scanner looks ahead in a flow
    collection and may hit its limit before yielding the first event past ours), so the
    finding is the same whatever loader and release is installed: the node that
    :class:`_Builder` would have refused, with the same path.  Return None when the text is
    not too deep (up to the first error it contains).
    """
    import yaml

    # one entry per open collection: [is_mapping, items seen, last key]
    stack: list[list[Any]] = []
    loader = yaml.SafeLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            is_key = False
            if stack:
                top = stack[-1]
                is_key = top[0] and top[1] % 2 == 0
                if is_key:  # a complex key (a list or mapping as key) has no name: "?"
                    top[2] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                top[1] += 1
            if len(stack) > MAX_DEPTH and not is_key:
                path = tuple(t[2] if t[0] else (t[1] - 1) for t in stack)
                mark = event.start_mark
                return SpecError(
                    [
                        Diagnostic(
                            "yaml-too-deep",
                            "error",
                            path[:8],
                            _("嵌套超过 {limit} 层").format(limit=MAX_DEPTH),
                            Mark(name, mark.line + 1, mark.column + 1),
                        )
                    ]
                )
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([isinstance(event, yaml.MappingStartEvent), 0, None])
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
    return None


def load_path(path: Path) -> Source:
    """Read and parse the YAML file at *path*."""
    text, name = read_text(path)
    return load_text(text, name)


_LOADER: Any = None


def _loader_class() -> Any:
    """Return a safe loader class that resolves no implicit tags (no YAML 1.1 guessing)."""
    global _LOADER
    if _LOADER is None:
        import yaml

        _LOADER = make_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return _LOADER


class _TooDeep(Exception):
    """Raised by the pure-Python composer past MAX_DEPTH, long before Python's recursion limit."""


def make_loader(base: Any) -> Any:
    """Return a loader class over PyYAML's *base* (``CSafeLoader`` or ``SafeLoader``).

    It resolves no implicit tags, and its pure-Python composer stops one level past
    ``MAX_DEPTH`` instead of recursing until Python's limit (libyaml's composer is C code and
    never calls ``compose_node``; its own nesting limit is handled in :func:`load_text`).
    """

    def compose_node(self: Any, parent: Any, index: Any) -> Any:
        self.letters_depth = getattr(self, "letters_depth", 0) + 1
        try:
            if self.letters_depth > MAX_DEPTH + 2:
                raise _TooDeep
            return base.compose_node(self, parent, index)
        finally:
            self.letters_depth -= 1

    return type(
        "LettersLoader", (base,), {"yaml_implicit_resolvers": {}, "compose_node": compose_node}
    )


_TAB = N_("不能用制表符（Tab）缩进，请改用空格")
_KEY_HERE = N_("此处应为“键: 值”（检查缩进：同一层的键应左对齐）")
_SECOND_DOCUMENT = N_("文件中出现了第二个 YAML 文档（--- 之后）；一份规格只能有一个文档")
_NO_BRACKET = N_("缺少逗号“,”或右括号“]”")
_NO_BRACE = N_("缺少逗号“,”或右花括号")
_NO_ITEM_HERE = N_("此处不能开始列表项“- ”（列表项应另起一行并缩进）")
# PyYAML's problems (pure-Python and libyaml word some differently), by their first words
_PROBLEMS = {  # translated when shown: the language is chosen after this module is imported
    "found character '\\t' that cannot start any token": _TAB,
    "mapping values are not allowed": N_("此处不允许出现“键: 值”（检查缩进或在冒号后加空格）"),
    "could not find expected ':'": N_("缺少冒号“:”"),
    "found undefined alias": N_("引用了未定义的锚点"),
    "did not find expected node content": N_(
        "此处缺少取值（检查缩进、冒号后的空格，或是否有未闭合的引号）"
    ),
    "did not find expected key": _KEY_HERE,
    "expected <block end>": _KEY_HERE,
    "expected '<document start>'": _SECOND_DOCUMENT,
    "but found another document": _SECOND_DOCUMENT,
    "found unexpected end of stream": N_("文件意外结束（可能有未闭合的引号或括号）"),
    "did not find expected ',' or ']'": _NO_BRACKET,
    "expected ',' or ']'": _NO_BRACKET,
    "did not find expected ',' or '}'": _NO_BRACE,
    "expected ',' or '}'": _NO_BRACE,
    "block sequence entries are not allowed": _NO_ITEM_HERE,
    "sequence entries are not allowed": _NO_ITEM_HERE,
    "did not find expected '-' indicator": N_("此处应为列表项“- ”（检查缩进）"),
    "found unknown escape character": N_(
        "双引号文字中有无法识别的转义（\\ 开头）；如需反斜杠请写两个，或改用单引号"
    ),
}


def _yaml_problem(exc: Any, text: str = "", mark: Any = None) -> str:
    problem = str(exc.problem or exc.context or _("无法解析"))
    # libyaml (CSafeLoader) does not name the character: look at the text under the mark
    at = getattr(mark, "index", None)
    if "cannot start any token" in problem and isinstance(at, int) and text[at : at + 1] == "\t":
        return _(_TAB)
    if "tab character" in problem:  # libyaml: "found a tab character that violates indentation"
        return _(_TAB)
    for key, zh in _PROBLEMS.items():
        if problem.startswith(key):
            problem = _(zh)
            break
    ctx = exc.context_mark
    in_flow = "flow" in str(exc.context or "") and ctx is not None and mark is not None
    if in_flow and ctx.line != mark.line:  # an unclosed [ or { is found only on a later line
        return _("{problem}（第 {line} 行的括号 [ 或 {{ 可能没有闭合）").format(
            problem=problem, line=ctx.line + 1
        )
    return problem


class _Builder:
    """Convert a composed YAML node graph to plain values and marks."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.marks: dict[Path_, Mark] = {}
        self.key_marks: dict[Path_, Mark] = {}
        self.count = 0
        self.open: set[int] = set()  # the containers being built: an alias to one is a cycle

    def _mark(self, node: Any) -> Mark:
        return Mark(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, node: Any, code: str, message: str, path: Path_ = ()) -> SpecError:
        m = self._mark(node)
        return SpecError([Diagnostic(code, "error", path, message, m)])

    def _check_chars(self, node: Any, path: Path_) -> None:
        """Refuse control characters written as escapes ("\\a", "\\x07", "\\0") in quoted text."""
        bad = ILLEGAL_XML.search(node.value)
        if bad:
            raise self._fail(
                node,
                "control-character",
                _("含有不可见的控制字符 {char}（由转义写出），无法写入文书；请删除该字符").format(
                    char=f"U+{ord(bad.group()):04X}"
                ),
                path,
            )

    def build(self, node: Any, path: Path_) -> Any:
        self.count += 1
        if len(path) > MAX_DEPTH:  # also stops an anchor that contains an alias to itself
            if id(node) in self.open:
                msg = _("锚点引用了自身，展开后嵌套超过 {limit} 层").format(limit=MAX_DEPTH)
            else:
                msg = _("嵌套超过 {limit} 层").format(limit=MAX_DEPTH)
            raise self._fail(node, "yaml-too-deep", msg, path[:8])
        if self.count > MAX_NODES:
            raise self._fail(
                node,
                "yaml-too-large",
                _("展开后的节点超过 {limit} 个（可能是锚点/别名反复引用造成的“别名炸弹”）").format(
                    limit=MAX_NODES
                ),
                path,
            )
        tag = getattr(node, "tag", None)
        if tag and tag.startswith("tag:yaml.org,2002:") and tag not in _STD_TAGS:
            raise self._fail(node, "yaml-tag", _("不支持的 YAML 标签 {tag}").format(tag=tag), path)
        if tag and not tag.startswith("tag:yaml.org,2002:"):
            raise self._fail(node, "yaml-tag", _("不支持的 YAML 标签 {tag}").format(tag=tag), path)
        kind = node.id
        if kind != "scalar":
            self.open.add(id(node))
            try:
                return self._build_collection(node, path)
            finally:
                self.open.discard(id(node))
        value = node.value
        self._check_chars(node, path)
        if not node.style and value in _NULLS:  # plain style: None (PyYAML) or "" (libyaml)
            return None
        return value

    def _build_collection(self, node: Any, path: Path_) -> Any:
        if node.id == "sequence":
            out_list = []
            for i, item in enumerate(node.value):
                p = (*path, i)
                self.marks[p] = self._mark(item)
                out_list.append(self.build(item, p))
            return out_list
        # mapping
        out: dict[str, Any] = {}
        seen: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                raise self._fail(key_node, "yaml-key", _("键必须是简单的文字"), path)
            key = key_node.value
            self._check_chars(key_node, path)
            if key == "<<":
                raise self._fail(
                    key_node, "yaml-merge-key", _("不支持 YAML 合并键 <<；请改用 extends:"), path
                )
            p = (*path, key)
            if key in seen:
                first = seen[key]
                raise SpecError(
                    [
                        Diagnostic(
                            "duplicate-key",
                            "error",
                            p,
                            _(
                                "键“{key}”重复出现（第一次在第 {line} 行）；"
                                "后一个值会悄悄覆盖前一个，请删除其中之一"
                            ).format(key=key, line=first.start_mark.line + 1),
                            self._mark(key_node),
                            related=((p, self._mark(first)),),
                        )
                    ]
                )
            seen[key] = key_node
            # scalars point at their value (column of the value), containers at their key
            at_value = value_node.id == "scalar" and value_node.value != ""
            self.marks[p] = self._mark(value_node if at_value else key_node)
            self.key_marks[p] = self._mark(key_node)
            out[key] = self.build(value_node, p)
        return out
