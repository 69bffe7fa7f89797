"""Declare consistency rules: one rule is one object with its code, checks and documentation.

A rule is a small function that receives a loaded :class:`~letters.contract.Contract` and yields
:class:`~letters.diagnostics.Diagnostic` objects; :meth:`RuleSet.rule` wraps it into a
:class:`Rule` together with its stable code, severity, summary, why it matters and a verified
failing example (:class:`RuleDoc`).  ``letters rules``, the README's rule table and the message
catalogs are all derived from these objects.

The shared rules live in :mod:`letters.checks`; each letter kind declares its own in its folder
(``letters/kinds/<kind>/rules.py``) and hands them to its :class:`~letters.kinds.Kind`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .contract import Contract
    from .diagnostics import Diagnostic

Finding = Iterator["Diagnostic"]
RuleFn = Callable[["Contract"], Finding]
Change = tuple[str, str]


@dataclass(frozen=True)
class RuleDoc:
    """Describe why a finding code matters and, optionally, a worked example.

    *base* names the letter kind whose starting spec (``letters new``) the example starts from;
    each of *changes* replaces text that occurs exactly once in it.  *table* is instead a
    (failing, passing) client table run as a batch over that spec.  *severity* is the severity
    of the example's finding when it differs from the code's.  *why* is a message id (the
    Chinese text): show it with :func:`letters.i18n._`.
    """

    why: str
    base: str | None = None
    changes: tuple[Change, ...] = ()
    severity: str | None = None
    table: tuple[str, str] | None = None


def example(*changes: Change, severity: str | None = None) -> RuleDoc:
    """Return an example of a kind's own starting spec (the kind fills in *base* and *why*)."""
    return RuleDoc("", None, tuple(changes), severity)


def table_example(failing: str, passing: str) -> RuleDoc:
    """Return a client-table example over a kind's starting spec."""
    return RuleDoc("", table=(failing, passing))


@dataclass(frozen=True)
class Rule:
    """Describe one consistency rule.

    *kinds* are the letter kinds it applies to; ``None`` means every kind (a shared rule,
    which reads only the parts every letter has).  *summary* and *doc.why* are message ids.
    """

    code: str
    severity: str
    summary: str
    fn: RuleFn
    doc: RuleDoc
    kinds: tuple[str, ...] | None = None

    def applies_to(self, kind: str) -> bool:
        """Return True if the rule checks letters of *kind*."""
        return self.kinds is None or kind in self.kinds


class RuleSet:
    """Collect rules in declaration order: the shared ones, or those of one kind."""

    def __init__(self, kind: str | None = None) -> None:
        self.kind = kind
        self.rules: list[Rule] = []

    def rule(
        self,
        code: str,
        severity: str,
        summary: str,
        why: str,
        example: RuleDoc | None = None,
    ) -> Callable[[RuleFn], RuleFn]:
        """Register the decorated function as the rule *code* of this set."""

        def register(fn: RuleFn) -> RuleFn:
            doc = replace(example, why=why) if example is not None else RuleDoc(why)
            if example is not None and self.kind is not None:
                doc = replace(doc, base=self.kind)
            kinds = (self.kind,) if self.kind is not None else None

            def stamped(c: Contract) -> Finding:
                # every finding carries this rule's code and severity, written once, here
                for d in fn(c):
                    yield replace(d, code=code, severity=severity)  # type: ignore[arg-type]

            self.rules.append(Rule(code, severity, summary, stamped, doc, kinds))
            return fn

        return register

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


def repeats(keys: Iterable[Hashable]) -> Iterator[tuple[int, int]]:
    """Yield ``(index, first)`` for each key equal to an earlier one: its position and the
    position of the key's first occurrence (the place a "duplicate" finding points back to)."""
    first: dict[Hashable, int] = {}
    for i, key in enumerate(keys):
        j = first.setdefault(key, i)
        if j != i:
            yield i, j


def money(value: Decimal) -> str:
    """Return an amount as a finding prints it: ``1,200,000.00元``."""
    from .formatting import amount
    from .i18n import _

    return _("{amount}元").format(amount=amount(value))
