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
import math
import operator
import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import Any

from simkit import law
from simkit.scenarios.limits import (
    CALL_STEPS,
    FIRST_DAY,
    LAST_DAY,
    MAX_DEPTH,
    MAX_NESTING,
    MAX_NUMBER,
    MAX_SIZE,
    STEPS_PER_VARIANT,
    measure,
    size_of,
)

SEQUENCES = frozenset({str, list})


def _q(source: str) -> str:
    """An expression as messages quote it: whole up to 80 characters, so that a message stays one line."""
    return repr(source if len(source) <= 80 else source[:77] + "...")


class ExpressionError(ValueError):
    """An expression that is malformed, uses something not allowed, or fails to compute."""


class LimitError(ExpressionError):
    """A value or a piece of work over one of the limits of :mod:`simkit.scenarios.limits`; the message names it.
    ``where`` is the key, within a parameter, of a declared value at fault (a bound of a range, an option)."""

    def __init__(self, message: str, where: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.where = where


class Meter:
    """The steps of evaluation left for one variant."""

    __slots__ = ("left",)

    def __init__(self, steps: int = STEPS_PER_VARIANT) -> None:
        self.left = steps

    def spend(self, steps: int, source: str) -> None:
        self.left -= steps
        if self.left < 0:  # stays below zero: a spent budget refuses every later step too
            raise LimitError(
                f"{_q(source)} goes over the budget of {STEPS_PER_VARIANT:,} steps of evaluation per variant"
            )


def check_size(value: str | list[Any], source: str) -> int:
    """The size of a text or list made by ``source``, or :class:`LimitError` naming the limit."""
    size, depth = measure(value)
    if depth > MAX_NESTING:
        raise LimitError(f"{_q(source)} nests lists more than {MAX_NESTING} deep, over the limit per value")
    if size <= MAX_SIZE:
        return size
    if isinstance(value, str):
        raise LimitError(f"{_q(source)} makes a text of {size:,} characters, over the limit of {MAX_SIZE:,} per value")
    raise LimitError(
        f"{_q(source)} makes a list of more than {MAX_SIZE:,} items (texts in it count their characters), "
        "over the limit per value"
    )


def check_number(value: float, source: str) -> float:
    if not -MAX_NUMBER <= value <= MAX_NUMBER:  # also false for NaN
        raise LimitError(f"{_q(source)} gives {_short(value)}, beyond the limit of ±10**15 for a number")
    return value


def check_day(value: dt.date, source: str) -> dt.date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise LimitError(f"{_q(source)} gives {value}, outside the years {FIRST_DAY.year}–{LAST_DAY.year} for a date")
    return value


def _short(value: float) -> str:
    if isinstance(value, int) and value.bit_length() > 64:
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    return f"{value:g}" if isinstance(value, float) else f"{value:,}"


def _days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days


def _sanction_kind(citation: str, **options: Any) -> str:
    return law.sanction(citation, **options).kind


def _imposition_deadline(**options: Any) -> dt.date:
    options["suspensions"] = tuple(map(tuple, options.get("suspensions", ())))
    try:
        return _imposed_by(**options)
    except TypeError:  # an argument that cannot be remembered, or a wrong one: the rule itself says which
        return law.imposition_deadline(**options)


@lru_cache(maxsize=1 << 13, typed=True)
def _imposed_by(**options: Any) -> dt.date:
    """law.imposition_deadline, remembered: a case's keys and derived dates ask for the same deadline more than
    once (inside a key, and as the derived date an alternative reads), with the same arguments."""
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
    "roll_to_working_day": law.roll_to_working_day,
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
    ast.Pow: operator.pow,
}
COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
Compiled = Callable[[Mapping[str, Any], Meter], Any]
# A %-format field: flags, width, precision; a width or precision is what could make a text of any length.
FORMAT_FIELD = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([a-zA-Z%])")


def _refuse(node: ast.AST, source: str) -> ExpressionError:
    return ExpressionError(f"{type(node).__name__.lower()} is not allowed in expressions: {_q(source)}")


def _working_days_steps(arguments: list[Any], options: dict[str, Any], source: str) -> int:
    """add_working_days counts day by day beyond its table: it costs a step a day, and must end in the calendar."""
    event = arguments[0] if arguments else options.get("event")
    days = arguments[1] if len(arguments) > 1 else options.get("working_days")
    if not isinstance(event, dt.date) or not isinstance(days, int | float) or isinstance(days, bool) or days <= 0:
        return 0  # nothing to count, or the function itself says what is wrong with its arguments
    if days > (LAST_DAY - event).days:
        raise LimitError(f"{_q(source)} counts {days:,} working days, past {LAST_DAY} (the last day allowed)")
    return math.ceil(days)


def _in_calendar(days_per_unit: int) -> Callable[[list[Any], dict[str, Any], str], int]:
    """add_days and add_months must end in the calendar: checked before Python's own dates overflow."""

    def check(arguments: list[Any], _options: dict[str, Any], source: str) -> int:
        event, count = [*arguments, None, None][:2]
        if not isinstance(event, dt.date) or not isinstance(count, int | float) or isinstance(count, bool):
            return 0  # the function itself says what is wrong with its arguments
        if not (FIRST_DAY - event).days <= count * days_per_unit <= (LAST_DAY - event).days:
            raise LimitError(f"{_q(source)} ends outside the years {FIRST_DAY.year}–{LAST_DAY.year} for a date")
        return 0

    return check


def _round_steps(arguments: list[Any], options: dict[str, Any], source: str) -> int:
    digits = arguments[1] if len(arguments) > 1 else options.get("ndigits")
    if isinstance(digits, int) and abs(digits) > 15:  # round(5, -10**9) would compute 10**(10**9)
        raise LimitError(f"{_q(source)} rounds to {digits} digits; at most 15 either side of the point")
    return 0


# What a function costs beyond CALL_STEPS and the sizes of its list arguments, checked before it runs.
EXTRA_STEPS: dict[str, Callable[[list[Any], dict[str, Any], str], int]] = {
    "add_days": _in_calendar(1),
    "add_months": _in_calendar(31),
    "add_working_days": _working_days_steps,
    "round": _round_steps,
}


def _call(node: ast.Call, source: str) -> Compiled:
    if not isinstance(node.func, ast.Name):
        raise _refuse(node.func, source)
    name = node.func.id
    if name not in FUNCTIONS:
        close = difflib.get_close_matches(name, FUNCTIONS, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(sorted(FUNCTIONS))}"
        raise ExpressionError(f"unknown function {name!r} in {_q(source)}; {hint}")
    function, extra = FUNCTIONS[name], EXTRA_STEPS.get(name)
    arguments = [_compile(argument, source) for argument in node.args]
    keywords = [(keyword.arg, _compile(keyword.value, source)) for keyword in node.keywords if keyword.arg]
    date = dt.date

    def apply(values: list[Any], options: dict[str, Any], meter: Meter) -> Any:
        """The call once its arguments are known: its steps, taken before it runs, then its checked result."""
        steps = CALL_STEPS + (extra(values, options, source) if extra else 0)
        for value in values:
            if type(value) is list:  # the rules walk the lists they are given (suspensions, earlier offences)
                steps += size_of(value)
        if options:
            for value in options.values():
                if type(value) is list:
                    steps += size_of(value)
        meter.left -= steps  # Meter.spend, inlined: a call is what expressions do most
        if meter.left < 0:
            meter.spend(0, source)
        try:
            result = function(*values, **options)
        except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as error:  # a wrong argument
            raise ExpressionError(f"{name}(...) failed in {_q(source)}: {error}") from None
        return result if type(result) is date and FIRST_DAY <= result <= LAST_DAY else checked(result, source)

    def call(names: Mapping[str, Any], meter: Meter) -> Any:
        values = [argument(names, meter) for argument in arguments]
        options = {key: value(names, meter) for key, value in keywords} if keywords else {}
        return apply(values, options, meter)

    plain = _plain_reader([*node.args, *(keyword.value for keyword in node.keywords if keyword.arg)], source)
    if plain is None:
        return call
    count, names_of = len(arguments), [key for key, _value in keywords]

    def call_on_plain(names: Mapping[str, Any], meter: Meter) -> Any:
        """The usual call, of names and constants only: its arguments read without a call each."""
        try:
            read = plain(names)
        except KeyError:  # a name that is not there: the whole call says which, as any expression does
            return call(names, meter)
        if not names_of:
            return apply(read, {}, meter)
        return apply(read[:count], dict(zip(names_of, read[count:], strict=True)), meter)

    return call_on_plain


def _plain_reader(nodes: list[ast.expr], source: str) -> Callable[[Mapping[str, Any]], list[Any]] | None:
    """For arguments that are all names and constants (they cost no steps and cannot fail but for a missing name),
    a function giving their values from the names, in order; None for any other arguments."""
    read: list[tuple[bool, Any]] = []  # (is a name, its key or the constant)
    for node in nodes:
        if isinstance(node, ast.Name) and node.id not in ("True", "False", "None"):
            read.append((True, node.id))
        elif isinstance(node, ast.Name):
            read.append((False, {"True": True, "False": False, "None": None}[node.id]))
        elif isinstance(node, ast.Constant) and isinstance(node.value, int | float | str | bool | type(None)):
            read.append((False, node.value))
        else:
            return None
    keys = [key for is_name, key in read if is_name]
    if len(keys) == len(read):  # names only: one lookup for them all
        getter = operator.itemgetter(*keys) if keys else None
        if getter is None or len(keys) > 1:
            return (lambda _names: []) if getter is None else (lambda names: list(getter(names)))
        only = keys[0]
        return lambda names: [names[only]]
    template = [None if is_name else key for is_name, key in read]
    slots = [(at, key) for at, (is_name, key) in enumerate(read) if is_name]

    def values(names: Mapping[str, Any]) -> list[Any]:
        found = template.copy()
        for at, key in slots:
            found[at] = names[key]
        return found

    return values


def _name(node: ast.Name, source: str) -> Compiled:
    key = node.id
    if key in ("True", "False", "None"):
        constant = {"True": True, "False": False, "None": None}[key]
        return lambda names, meter: constant

    def lookup(names: Mapping[str, Any], _meter: Meter) -> Any:
        try:
            return names[key]
        except KeyError:
            close = difflib.get_close_matches(key, list(names), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ExpressionError(f"unknown name {key!r} in {_q(source)}{hint}") from None

    return lookup


def _constant(node: ast.Constant, source: str) -> Compiled:
    value = node.value
    if type(value) is int or type(value) is float:  # not a bool
        check_number(value, source)
    return lambda names, meter: value


def _compile(node: ast.AST, source: str) -> Compiled:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float | str | bool | type(None)):
        return _constant(node, source)
    if isinstance(node, ast.Name):
        return _name(node, source)
    if isinstance(node, ast.Call):
        return _call(node, source)
    if isinstance(node, ast.List | ast.Tuple):
        items = [_compile(item, source) for item in node.elts]
        return lambda names, meter: _made([item(names, meter) for item in items], source, meter)
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        left, right, apply = _compile(node.left, source), _compile(node.right, source), BINARY[type(node.op)]
        if apply is operator.add or apply is operator.sub:
            return _sum(apply, left, right, source)
        return lambda names, meter: _arithmetic(apply, left(names, meter), right(names, meter), source, meter)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.Not):
        return _unary(_compile(node.operand, source), isinstance(node.op, ast.USub), source)
    if isinstance(node, ast.BoolOp):
        values, is_and = [_compile(value, source) for value in node.values], isinstance(node.op, ast.And)
        return lambda names, meter: (all if is_and else any)(value(names, meter) for value in values)
    if isinstance(node, ast.Compare) and all(type(op) in COMPARE for op in node.ops):
        return _comparison(node, source)
    if isinstance(node, ast.IfExp):
        test, body, orelse = (_compile(part, source) for part in (node.test, node.body, node.orelse))
        return lambda names, meter: body(names, meter) if test(names, meter) else orelse(names, meter)
    raise _refuse(node, source)


def _unary(operand: Compiled, negate: bool, source: str) -> Compiled:
    def apply(names: Mapping[str, Any], meter: Meter) -> Any:
        value = operand(names, meter)
        if not negate:
            return not value
        try:
            return -value
        except TypeError as error:
            raise ExpressionError(f"cannot compute {_q(source)}: {error}") from None

    return apply


def _comparison(node: ast.Compare, source: str) -> Compiled:
    left = _compile(node.left, source)
    rights = [
        (COMPARE[type(op)], _compile(right, source)) for op, right in zip(node.ops, node.comparators, strict=True)
    ]

    def compare(names: Mapping[str, Any], meter: Meter) -> bool:
        current = left(names, meter)
        for apply, right in rights:
            other = right(names, meter)
            if type(current) in SEQUENCES or type(other) in SEQUENCES:  # compared item by item: a step each
                meter.spend(size_of(current) + size_of(other), source)
            try:
                if not apply(current, other):
                    return False
            except TypeError as error:
                raise ExpressionError(f"cannot compute {_q(source)}: {error}") from None
            current = other
        return True

    return compare


def _sum(apply: Callable[[Any, Any], Any], left: Compiled, right: Compiled, source: str) -> Compiled:
    """``+`` and ``-``, as keys mostly use them (a count of days plus one): a number in bounds is returned as it
    is; any other result is checked as :func:`_arithmetic` checks it (they cannot repeat or pad a text)."""

    def add(names: Mapping[str, Any], meter: Meter) -> Any:
        try:
            result = apply(left(names, meter), right(names, meter))
        except (TypeError, ValueError, ArithmeticError) as error:
            raise ExpressionError(f"cannot compute {_q(source)}: {error}") from None
        kind = type(result)
        if (kind is int or kind is float) and -MAX_NUMBER <= result <= MAX_NUMBER:
            return result
        return _made(result, source, meter)

    return add


def _arithmetic(apply: Callable[[Any, Any], Any], left: Any, right: Any, source: str, meter: Meter) -> Any:
    if apply is operator.mul:
        _check_repetition(left, right, source)
    elif apply is operator.pow:
        _check_power(left, right, source)
    elif apply is operator.mod and isinstance(left, str):
        _check_format(left, source)
    try:
        result = apply(left, right)
    except (TypeError, ValueError, ArithmeticError) as error:
        raise ExpressionError(f"cannot compute {_q(source)}: {error}") from None
    return _made(result, source, meter)


def _made(value: Any, source: str, meter: Meter) -> Any:
    """A value an operation made, checked against the limits; texts and lists cost a step per character/item."""
    if type(value) is str or type(value) is list:
        meter.spend(check_size(value, source), source)
        return value
    return checked(value, source)


def checked(value: Any, source: str) -> Any:
    """``value`` if it is within the limits of a number or a date (texts and lists: see :func:`_made`)."""
    kind = type(value)
    if kind is int or kind is float:
        return check_number(value, source)
    if kind is dt.date:
        return check_day(value, source)
    if kind is str or kind is list:
        check_size(value, source)
    return value


def _check_repetition(left: Any, right: Any, source: str) -> None:
    """A text or list times a number is refused before it is made if it would be over the limit."""
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list) and isinstance(count, int) and count > 0:
            size = size_of(sequence)
            if size * count > MAX_SIZE:
                what = "a text of" if isinstance(sequence, str) else "a list of"
                unit = "characters" if isinstance(sequence, str) else "items"
                raise LimitError(
                    f"{_q(source)} would make {what} {size * count:,} {unit}, over the limit of {MAX_SIZE:,} per value"
                )


def _check_power(base: Any, exponent: Any, source: str) -> None:
    """``9 ** 9 ** 9`` is refused from the sizes of its operands, before Python starts on a number of millions of
    digits."""
    if not (isinstance(base, int | float) and isinstance(exponent, int | float)):
        return
    if base < 0 and not float(exponent).is_integer():
        raise ExpressionError(f"cannot compute {_q(source)}: a negative number to a fractional power")
    if exponent > 0 and abs(base) > 1 and exponent * math.log10(abs(base)) > math.log10(MAX_NUMBER):
        raise LimitError(f"{_q(source)} raises {base:g} to the power {exponent:g}, beyond the limit of ±10**15")


def _check_format(template: str, source: str) -> None:
    """``'%100000000s' % x`` would pad to any width: widths and precisions are refused past the size limit."""
    for found in FORMAT_FIELD.finditer(template):
        for part in found.group(1, 2):
            if part == "*":
                raise LimitError(f"{_q(source)}: a width or precision given by '*' is not allowed; write it out")
            if part and int(part) > MAX_SIZE:
                raise LimitError(
                    f"{_q(source)} pads to {int(part):,} characters, over the limit of {MAX_SIZE:,} per value"
                )


@cache
def _parsed(source: str) -> tuple[ast.expr, int]:
    """The expression's tree and how many elements it has, once its length and nesting are known to be in bounds."""
    if not isinstance(source, str) or len(source) > 500:
        raise ExpressionError("an expression must be a text of at most 500 characters")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"malformed expression {_q(source)}: {error.msg}") from None
    except (RecursionError, MemoryError):  # CPython's parser gives up on some deep nestings itself
        raise LimitError(f"{_q(source)} is nested more than {MAX_DEPTH} deep") from None
    count, stack = 0, [(tree.body, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise LimitError(f"{_q(source)} is nested more than {MAX_DEPTH} deep; split it into derived parameters")
        count += 1
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node) if isinstance(child, ast.expr))
    return tree.body, count


@cache
def compile_expression(source: str) -> Compiled:
    """Parse ``source`` once into a callable over a mapping of names and a :class:`Meter`; raise
    :class:`ExpressionError` if refused. Each run costs a step per element of the expression, up front."""
    tree, steps = _parsed(source)
    body = _compile(tree, source)

    def run(names: Mapping[str, Any], meter: Meter) -> Any:
        meter.left -= steps  # Meter.spend, inlined
        if meter.left < 0:
            meter.spend(0, source)
        return body(names, meter)

    return run


def evaluate(source: str, names: Mapping[str, Any], meter: Meter | None = None) -> Any:
    """The value of ``source`` for these parameter values, its steps taken from ``meter`` (a variant's; a fresh
    one if none). The same inputs give a remembered result (every function allowed in an expression is pure),
    which spares grading thousands of learners the same dates; a remembered result costs the steps it took."""
    return expression(source).value(names, meter)


class Expression:
    """An expression made ready once: what it reads, as a tuple in the order of its sorted names (itemgetter: no
    Python frame), and its compiled tree. A caller that evaluates one expression for many learners (a derived
    parameter's drawer, a step's key) holds it, and spares a look-up by its text each time."""

    __slots__ = ("looked_up", "missed", "read", "run", "source")

    def __init__(self, source: str) -> None:
        self.source, self.run = source, compile_expression(source)
        self.looked_up = self.missed = 0  # look-ups in the memo, and those that found nothing
        names = tuple(sorted(names_in(source)))
        if len(names) > 1:
            self.read: Callable[[Mapping[str, Any]], tuple[Any, ...]] = operator.itemgetter(*names)
        elif names:
            only = names[0]
            self.read = lambda values: (values[only],)
        else:
            self.read = lambda _values: ()

    def value(self, names: Mapping[str, Any], meter: Meter | None = None) -> Any:
        """:func:`evaluate`, for this expression."""
        source = self.source
        found: tuple[Any, int] | None
        if self.looked_up >= TRIAL_LOOK_UPS and self.missed * 10 > self.looked_up * 9:
            found = self._counted(names)  # each learner's own inputs: the memo would only fill up
        else:
            try:
                key = (source, self.read(names))
                found = _remembered.get(key)
            except (
                KeyError,
                TypeError,
            ):  # a missing name is reported by the full evaluation; unhashable values skip the memo
                return self.run(names, meter or Meter())
            self.looked_up += 1
            if found is None:
                self.missed += 1
                found = self._evaluated(names, key)
        value, cost = found
        if meter is not None:  # Meter.spend, inlined: this is the path grading takes for every learner
            meter.left -= cost
            if meter.left < 0:
                meter.spend(0, source)
        return value

    def _evaluated(self, names: Mapping[str, Any], key: tuple[str, tuple[Any, ...]]) -> tuple[Any, int]:
        """The value and its cost in steps, counted on a budget of its own (the same for every learner it serves),
        remembered when it and what it read are small: a long text kept for every learner would hold the memory
        the size limits are there to bound."""
        found = self._counted(names)
        value, values = found[0], key[1]
        if (type(value) in SMALL and SMALL.issuperset(map(type, values))) or (
            _small(value) and all(map(_small, values))
        ):
            if len(_remembered) >= REMEMBERED_AT_MOST:
                _remembered.clear()
            _remembered[key] = found
        return found

    def _counted(self, names: Mapping[str, Any]) -> tuple[Any, int]:
        own = Meter()
        value = self.run(names, own)
        return value, STEPS_PER_VARIANT - own.left


@cache
def expression(source: str) -> Expression:
    """The :class:`Expression` of ``source``, made once; raise :class:`ExpressionError` if it is refused."""
    return Expression(source)


REMEMBERED_AT_MOST = 1 << 16  # results kept across every expression; past it the memo starts afresh
# An expression whose inputs are new nine times in ten over its first look-ups (a deadline from several drawn dates)
# is no longer looked up: it costs the same steps either way, and the memo stays for those it serves.
TRIAL_LOOK_UPS = 500
_remembered: dict[tuple[str, tuple[Any, ...]], tuple[Any, int]] = {}  # (source, the values it read) → (value, cost)
SMALL = frozenset({dt.date, int, float, bool, type(None)})


def _small(value: Any) -> bool:
    return type(value) in SMALL or (type(value) is str and len(value) <= 64)


@cache
def names_in(source: str) -> frozenset[str]:
    """The parameter names an expression reads (not the functions it calls)."""
    compile_expression(source)
    tree = _parsed(source)[0]
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return frozenset(
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and id(node) not in called and node.id not in ("True", "False", "None")
    )


def calls_in(source: str) -> frozenset[str]:
    """The functions an expression calls, each as ``name`` and, for each keyword it is given, ``name(keyword)``."""
    compile_expression(source)
    found: set[str] = set()
    for node in ast.walk(_parsed(source)[0]):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            found.add(node.func.id)
            found.update(f"{node.func.id}({keyword.arg})" for keyword in node.keywords if keyword.arg)
    return frozenset(found)
