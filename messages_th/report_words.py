"""The words of a typed report (`reading/report_line.py` reads them):
`รายงาน 1.2 50% จัดทำคู่มือแล้ว`, `ร้อยละ 50`, `50 %`, `50เปอร์เซ็นต์`, `เสร็จแล้ว` (100),
`ยังไม่เริ่ม` (0). The same percent words answer the guided form's percent question."""

from __future__ import annotations

REPORT_WORD = "รายงาน"
#: may stand between the report word and the numbers: รายงานข้อ 1.2
ITEM_WORD = "ข้อ"
DONE = ("เสร็จเรียบร้อยแล้ว", "เสร็จสิ้นแล้ว", "เสร็จสิ้น", "เสร็จแล้ว", "แล้วเสร็จ", "เสร็จ", "ครบแล้ว")
NOT_STARTED = ("ยังไม่ได้เริ่ม", "ยังไม่เริ่มต้น", "ยังไม่เริ่ม", "ไม่ได้เริ่ม")
#: before a number: ร้อยละ 50
PERCENT_BEFORE = "ร้อยละ"
#: after a number, the longest of two alike first
PERCENT_AFTER = ("%", "เปอร์เซ็นต์", "เปอร์เซ็นท์", "เปอร์เซ็น", "เปอร์เซนต์", "percent")
