"""Exact score numbers: Decimal in, Decimal out, printed without noise."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

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
    number = D(value)
    return _vi_number(number, number.is_signed())  # the sign too: -0 == 0, but prints "-0"


# Babel takes ~15 µs a number and a site prints millions of them, nearly all
# the same few hundred scores: remember them (equal Decimals print the same).
@lru_cache(maxsize=16384)
def _vi_number(number: Decimal, _signed: bool) -> str:
    return format_decimal(number, locale="vi")


def fmt_yaml(value) -> str:
    """Plain notation as written in the YAML files: 100, 0.5, 97.25."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    number = D(value)
    return _plain_number(number, number.is_signed())


@lru_cache(maxsize=16384)  # like _vi_number: the same few hundred scores, written millions of times
def _plain_number(number: Decimal, _signed: bool) -> str:
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def fmt_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, as every Vietnamese official document writes dates."""
    return _vi_date(value) if value else ""


@lru_cache(maxsize=4096)
def _vi_date(value: dt.date) -> str:
    return format_date(value, "dd/MM/yyyy", locale="vi")
