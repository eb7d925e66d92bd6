"""A small, safe expression language for derived parameters and answer keys.

Expressions are Python-like (``gift_transfer_deadline(received)``, ``add_days(found, 3)``, ``amount * 2``) but
are never given to ``eval``: they are parsed with :mod:`ast` and interpreted over a whitelist of node types and
functions (the rules of :mod:`simkit.law` and a few helpers). Anything else is refused with a clear message.

>>> import datetime as dt
>>> evaluate("gift_transfer_deadline(received)", {"received": dt.date(2026, 3, 2)})
datetime.date(2026, 3, 9)
>>> evaluate("__import__('os')", {})
Traceback (most recent call last):
...
simkit.scenarios.expressions.ExpressionError: unknown function '__import__' in "__import__('os')"; ...
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import operator
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import Any

from simkit import law


class ExpressionError(ValueError):
    """An expression that is malformed, uses something not allowed, or fails to compute."""


def _days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days


def _sanction_kind(citation: str, **options: Any) -> str:
    return law.sanction(citation, **options).kind


def _imposition_deadline(**options: Any) -> dt.date:
    options["suspensions"] = [tuple(pair) for pair in options.get("suspensions", ())]
    return law.imposition_deadline(**options)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "gift_transfer_deadline": law.gift_transfer_deadline,
    "money_transfer_deadline": law.money_transfer_deadline,
    "onboarding_deadline": law.onboarding_deadline,
    "training_due": law.training_due,
    "suspension_from_duty_end": law.suspension_from_duty_end,
    "probation_end": law.probation_end,
    "imposition_deadline": _imposition_deadline,
    "reentry_barred": law.reentry_barred,
    "restricted_relative": law.restricted_relative,
    "sanction_kind": _sanction_kind,
    "is_working_day": law.is_working_day,
    "add_days": law.calendar.add_days,
    "add_months": law.add_months,
    "add_working_days": law.add_working_days,
    "days_between": _days_between,
    "date": dt.date,
    "min": min,
    "max": max,
    "abs": abs,
    "round": round,
}
BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
Compiled = Callable[[Mapping[str, Any]], Any]


def _refuse(node: ast.AST, source: str) -> ExpressionError:
    return ExpressionError(f"{type(node).__name__.lower()} is not allowed in expressions: {source!r}")


def _call(node: ast.Call, source: str) -> Compiled:
    if not isinstance(node.func, ast.Name):
        raise _refuse(node.func, source)
    name = node.func.id
    if name not in FUNCTIONS:
        close = difflib.get_close_matches(name, FUNCTIONS, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(sorted(FUNCTIONS))}"
        raise ExpressionError(f"unknown function {name!r} in {source!r}; {hint}")
    function = FUNCTIONS[name]
    arguments = [_compile(argument, source) for argument in node.args]
    keywords = {keyword.arg: _compile(keyword.value, source) for keyword in node.keywords if keyword.arg}

    def call(names: Mapping[str, Any]) -> Any:
        values = [argument(names) for argument in arguments]
        options = {key: value(names) for key, value in keywords.items()}
        try:
            return function(*values, **options)
        except (TypeError, ValueError, ArithmeticError) as error:
            raise ExpressionError(f"{name}(...) failed in {source!r}: {error}") from None

    return call


def _name(node: ast.Name, source: str) -> Compiled:
    key = node.id
    if key in ("True", "False", "None"):
        constant = {"True": True, "False": False, "None": None}[key]
        return lambda names: constant

    def lookup(names: Mapping[str, Any]) -> Any:
        if key not in names:
            close = difflib.get_close_matches(key, list(names), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ExpressionError(f"unknown name {key!r} in {source!r}{hint}")
        return names[key]

    return lookup


def _compile(node: ast.AST, source: str) -> Compiled:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float | str | bool | type(None)):
        value = node.value
        return lambda names: value
    if isinstance(node, ast.Name):
        return _name(node, source)
    if isinstance(node, ast.Call):
        return _call(node, source)
    if isinstance(node, ast.List | ast.Tuple):
        items = [_compile(item, source) for item in node.elts]
        return lambda names: [item(names) for item in items]
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        left, right, apply = _compile(node.left, source), _compile(node.right, source), BINARY[type(node.op)]
        return lambda names: _arithmetic(apply, left(names), right(names), source)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.Not):
        operand, negate = _compile(node.operand, source), isinstance(node.op, ast.USub)
        return lambda names: -operand(names) if negate else not operand(names)
    if isinstance(node, ast.BoolOp):
        values, is_and = [_compile(value, source) for value in node.values], isinstance(node.op, ast.And)
        return lambda names: (all if is_and else any)(value(names) for value in values)
    if isinstance(node, ast.Compare) and all(type(op) in COMPARE for op in node.ops):
        return _comparison(node, source)
    if isinstance(node, ast.IfExp):
        test, body, orelse = (_compile(part, source) for part in (node.test, node.body, node.orelse))
        return lambda names: body(names) if test(names) else orelse(names)
    raise _refuse(node, source)


def _comparison(node: ast.Compare, source: str) -> Compiled:
    left = _compile(node.left, source)
    rights = [
        (COMPARE[type(op)], _compile(right, source)) for op, right in zip(node.ops, node.comparators, strict=True)
    ]

    def compare(names: Mapping[str, Any]) -> bool:
        current = left(names)
        for apply, right in rights:
            other = right(names)
            if not _arithmetic(apply, current, other, source):
                return False
            current = other
        return True

    return compare


def _arithmetic(apply: Callable[[Any, Any], Any], left: Any, right: Any, source: str) -> Any:
    if apply is operator.mul and (isinstance(left, str | list) or isinstance(right, str | list)):
        raise ExpressionError(f"repeating a text or list is not allowed: {source!r}")
    try:
        return apply(left, right)
    except (TypeError, ArithmeticError) as error:
        raise ExpressionError(f"cannot compute {source!r}: {error}") from None


@cache
def compile_expression(source: str) -> Compiled:
    """Parse ``source`` once into a callable over a mapping of names; raise :class:`ExpressionError` if refused."""
    if not isinstance(source, str) or len(source) > 500:
        raise ExpressionError("an expression must be a text of at most 500 characters")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"malformed expression {source!r}: {error.msg}") from None
    return _compile(tree.body, source)


def evaluate(source: str, names: Mapping[str, Any]) -> Any:
    """The value of ``source`` for these parameter values; the same inputs give a remembered result (every
    function allowed in an expression is pure), which spares grading thousands of learners the same dates."""
    try:
        return _evaluate_on(source, _reader(source)(names))
    except (KeyError, TypeError):  # a missing name is reported by the full evaluation; unhashable values skip the memo
        return compile_expression(source)(names)


@cache
def _ordered_names(source: str) -> tuple[str, ...]:
    return tuple(sorted(names_in(source)))


@cache
def _reader(source: str) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """What an expression reads, as a tuple in the order of :func:`_ordered_names` (itemgetter: no Python frame)."""
    names = _ordered_names(source)
    if len(names) > 1:
        return operator.itemgetter(*names)
    return lambda values: tuple(values[name] for name in names)


@lru_cache(maxsize=1 << 16)
def _evaluate_on(source: str, values: tuple[Any, ...]) -> Any:
    return compile_expression(source)(dict(zip(_ordered_names(source), values, strict=True)))


@cache
def names_in(source: str) -> frozenset[str]:
    """The parameter names an expression reads (not the functions it calls)."""
    compile_expression(source)
    tree = ast.parse(source.strip(), mode="eval")
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return frozenset(
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and id(node) not in called and node.id not in ("True", "False", "None")
    )
