"""Exact score numbers: Decimal in, Decimal out, printed without noise."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

ZERO = Decimal(0)


def D(value) -> Decimal:
    """A Decimal from YAML data; floats go through their shortest text form."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def fmt(value) -> str:
    """Vietnamese notation, as people read it: 1.000 and 0,5 (Babel's CLDR data for 'vi')."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    return format_decimal(D(value), locale="vi")


def fmt_yaml(value) -> str:
    """Plain notation as written in the YAML files: 100, 0.5, 97.25."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    number = D(value)
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def fmt_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, as every Vietnamese official document writes dates."""
    return format_date(value, "dd/MM/yyyy", locale="vi") if value else ""
