"""The words of leave as staff type it (`reading/leave.py` reads them): `ลา ถึง 15 ม.ค.`,
`ลาถึง 15/1/2565`, `ลา 3 วัน`, `กลับมาแล้ว`."""

from __future__ import annotations

#: words that cancel a leave, now or booked ahead (the rest of BACK end one begun)
CANCEL = ("ยกเลิกลา", "ยกเลิกการลา", "เลิกลา")
BACK = ("กลับมาแล้ว", "กลับมาทำงานแล้ว", *CANCEL, "มาทำงานแล้ว")
#: what a leave message starts with (แจ้ง ลา), and the kinds of leave that may follow ลา
LEAVE_OPENING = r"(?:แจ้ง)?ลา(?:งาน|พักผ่อน|ป่วย|กิจ)?"
#: "until" before the last day: ถึง, จนถึง, ถึงวันที่
UNTIL = r"(?:ถึง(?:วันที่)?|จนถึง(?:วันที่)?|ถึง\s*วันที่)"
#: a number of (working) days: 3 วัน, 3 วันทำการ
DAYS = r"วัน(?:ทำการ)?"
