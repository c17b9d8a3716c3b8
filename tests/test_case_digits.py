"""One digit system per message, the agency's (issue 19): with Thai digits chosen
(`TIDTAM_CHAT_THAI_DIGITS`), a case's messages print no Arabic digit."""

from __future__ import annotations

import re

import pytest

from settings import Settings
from tests.support.line_chat import quick_replies, texts
from tests.test_cases import _complain, _staff


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"chat_thai_digits": True})


def test_one_digit_system_per_message_the_agencys(line, runner, seed_plan) -> None:
    """With Thai digits chosen, every word read in a case's messages, to the citizen and to
    staff, has Thai digits only (links keep theirs, and still work)."""
    _staff(runner, line, "Uengineer", "ช่างสมศักดิ์", "กองช่าง")
    seq = line.fake.last_seq
    ref = _complain(line, "Uthai", "ไฟถนนซอย 12 ดับ 3 ต้น", photo=True, pin=True)
    assert ref.startswith("S-๒๕๖๕-")
    line.send("Uengineer", f"รับเรื่อง {ref}")
    line.send("Uengineer", f"ตอบ {ref} จะซ่อมภายใน 2 วัน")
    line.send("Uengineer", f"ปิด {ref} เปลี่ยนหลอด 3 ดวงแล้ว")
    told = [d.message for d in line.pushes_to("Uthai")][-1]
    line.press("Uthai", told, "๕ ⭐⭐⭐⭐⭐")
    line.send("Uthai", "ติดตาม")
    delivered = line.fake.delivered_since(seq)
    assert len(delivered) > 10
    for message in delivered:
        shown = re.sub(r"https?://\S+", "", texts([message.message]))
        labels = [a["label"] for a in quick_replies(message.message)]
        assert not re.search(r"[0-9]", shown + " ".join(labels)), shown


def test_the_schedulers_messages_are_in_the_agencys_digits_too(
    line, runner, services, fake_line, clock, seed_plan
) -> None:
    """The head's summary the tick sends before the meeting (31 January 2565)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from scheduler.jobs import run_due
    from tests.support import people

    people.link(runner, line, "Uhead", "ปลัดเทศบาล", "head")
    clock.set(datetime(2022, 1, 28, 8, 31, tzinfo=ZoneInfo("Asia/Bangkok")))
    run_due(services)
    line.settle()
    [summary] = [d.message for d in fake_line.messages_to("Uhead") if d.via == "push"]
    shown = re.sub(r"https?://\S+", "", texts([summary]))
    assert "๒๕๖๕" in shown and not re.search(r"[0-9]", shown), shown
