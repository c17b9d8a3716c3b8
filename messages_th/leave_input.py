"""Reading leave as staff type it: `ลา ถึง 15 ม.ค.`, `ลาถึง 15/1/2565`, `ลา 3 วัน`, `กลับมาแล้ว`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from messages_th.thai_input import clean
from reading.dates import parse_date

LEAVE_WORD = "ลา"
BACK = ("กลับมาแล้ว", "กลับมาทำงานแล้ว", "ยกเลิกลา", "ยกเลิกการลา", "เลิกลา", "มาทำงานแล้ว")
_LEAVE = re.compile(r"^(?:แจ้ง)?ลา(?:งาน|พักผ่อน|ป่วย|กิจ)?(?=$|\s|ถึง|จนถึง|\d)\s*(?P<rest>.*)$")
_UNTIL = re.compile(r"^(?:ถึง(?:วันที่)?|จนถึง(?:วันที่)?|ถึง\s*วันที่)\s*(?P<date>.+)$")
_DAYS = re.compile(r"^(?P<days>\d{1,3})\s*วัน(?:ทำการ)?$")


@dataclass(frozen=True)
class LeaveUntil:
    day: date


@dataclass(frozen=True)
class LeaveDays:
    days: int


@dataclass(frozen=True)
class LeaveUnclear:
    """`ลา` with nothing, or with something that is not a date or a number of days."""


def read_leave(text: str, today: date) -> LeaveUntil | LeaveDays | LeaveUnclear | None:
    """None when the text is not about leave at all."""
    typed = clean(text)
    match = _LEAVE.match(typed)
    if not match:
        return None
    rest = match["rest"].strip()
    if not rest:
        return LeaveUnclear()
    days = _DAYS.match(rest)
    if days:
        return LeaveDays(int(days["days"]))
    until = _UNTIL.match(rest)
    if until:
        rest = until["date"]
    day = parse_date(rest, today=today)
    return LeaveUntil(day) if day else LeaveUnclear()


def is_back(text: str) -> bool:
    return clean(text).replace(" ", "") in {b.replace(" ", "") for b in BACK}
