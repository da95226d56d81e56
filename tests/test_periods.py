"""Dates and periods: parsing, windows, labels and ranges, with exact expected values."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.errors import ParameterError
from blocwatch.periods import (
    Period,
    months_between,
    parse_date,
    period_end,
    period_label,
    period_range,
    period_start,
)


def test_parse_date_forms_and_errors():
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    assert parse_date("2023-12", end=True) == date(2023, 12, 31)
    assert parse_date("2024", end=True) == date(2024, 12, 31)
    assert parse_date(date(2020, 5, 5)) == date(2020, 5, 5) and parse_date(None) is None
    for bad in ("2024-02-30", "June 2024", "2024-13"):
        with pytest.raises(ParameterError) as err:
            parse_date(bad, param="start")
        assert err.value.param == "start" and bad in err.value.reason


@pytest.mark.parametrize(("day", "window", "start", "end", "label"), [
    (date(2024, 5, 17), "day", date(2024, 5, 17), date(2024, 5, 17), "2024-05-17"),
    (date(2024, 5, 17), "week", date(2024, 5, 13), date(2024, 5, 19), "2024-05-13"),
    (date(2024, 2, 17), "month", date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
    (date(2024, 11, 17), "quarter", date(2024, 10, 1), date(2024, 12, 31), "2024-Q4"),
    (date(2024, 5, 17), "year", date(2024, 1, 1), date(2024, 12, 31), "2024"),
])
def test_windows(day, window, start, end, label):
    assert period_start(day, window) == start
    assert period_end(day, window) == end
    assert period_label(start, window) == label


def test_period_range_and_months_between():
    assert period_range(date(2023, 11, 30), date(2024, 1, 1)) == [date(2023, 11, 1), date(2023, 12, 1),
                                                                     date(2024, 1, 1)]
    assert period_range(date(2023, 5, 1), date(2024, 6, 1), "year") == [date(2023, 1, 1), date(2024, 1, 1)]
    assert period_range(date(2024, 2, 5), date(2024, 7, 1), "quarter") == [date(2024, 1, 1), date(2024, 4, 1),
                                                                            date(2024, 7, 1)]
    with pytest.raises(ParameterError, match="series are monthly"):
        period_range(date(2023, 5, 1), date(2024, 6, 1), "week")
    assert months_between(date(2024, 10, 31), date(2025, 1, 1)) == 3
    assert months_between(date(2025, 1, 1), date(2024, 10, 31)) == -3


def test_period_parse_and_between():
    assert Period.parse("2024-Q2") == Period(date(2024, 4, 1), date(2024, 6, 30), "quarter")
    assert Period.parse("2024") == Period(date(2024, 1, 1), date(2024, 12, 31), "year")
    assert Period.parse("2024-06-19").label == "2024-06-19"
    assert Period.between("2023-01", "2024-12") == Period(date(2023, 1, 1), date(2024, 12, 31))
    with pytest.raises(ParameterError) as err:
        Period.between("2025", "2024")
    assert err.value.param == "start"
    with pytest.raises(ParameterError) as err:
        Period.parse("2024-Q5", param="window")
    assert err.value.param == "window"
