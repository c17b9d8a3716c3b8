"""The words people type to the bot, for the commands every role shares.

Matching ignores spaces and case (`reading.text.squash`), so each entry is one spelling.
"""

from __future__ import annotations

CANCEL = ("ยกเลิก", "เลิก", "cancel", "ยกเลิกรายงาน", "ออก")
HELP = ("ช่วยเหลือ", "วิธีใช้", "help", "เมนู", "คำสั่ง", "?", "ช่วยด้วย")
GREETING = ("สวัสดี", "สวัสดีครับ", "สวัสดีค่ะ", "hello", "hi", "หวัดดี")
