"""Photos and files from LINE: the size limit holds while downloading, in the staff report and
in a citizen's case alike, and both tell the person why something was not attached.

The attack (issue 15, finding 6): a 50 MB "photo" and a 200 MB video were downloaded whole
into memory before being refused, and a citizen's too-big photo was dropped without a word.
The fake LINE platform makes such content as it sends it, in chunks, and counts what went
out before the bot hung up.
"""

from __future__ import annotations

from sqlmodel import select

from fakeline import events as ev
from handlers.citizen_suggest import SuggestDraft
from handlers.staff_report import ReportDraft
from models.conversation import Conversation
from models.progress import EvidenceBlob
from tests.support import people
from tests.support.line_chat import texts

MB = 1024 * 1024
LIMIT = 10 * MB
#: what may go out after the bot stops reading: the sockets' buffers on both sides
SLACK = 24 * MB


def _draft(services, chat_key: str) -> dict:
    with services.db.session() as session:
        form = session.exec(select(Conversation).where(Conversation.chat_key == chat_key)).one()
        return form.draft


def _blobs(services) -> int:
    with services.db.session() as session:
        return len(session.exec(select(EvidenceBlob.sha256)).all())


def test_a_200_mb_video_is_given_up_while_downloading(
    line, runner, services, fake_line, seed_plan
) -> None:
    people.link(runner, line, "Uvideo", "มาลี ใจซื่อ", "staff", "1")
    for answer in ("รายงาน", "1", "50%", "ถ่ายวิดีโอการอบรมไว้"):
        line.send("Uvideo", answer)
    video = ev.media("Uvideo", "video", timestamp_ms=line.timestamp())
    stream = fake_line.set_content_stream(video["message"]["id"], 200 * MB)  # chunked, no length
    said = texts(line.send_event("Uvideo", video))
    assert "ใหญ่เกิน 10 MB" in said and "เป็นหลักฐานไหม" in said  # told, and asked again
    assert fake_line.wait_for(lambda _: stream.done)
    assert LIMIT < stream.sent < LIMIT + SLACK, stream.sent  # read up to the limit, no further
    draft = ReportDraft.model_validate(_draft(services, "Uvideo"))
    assert draft.evidence == [] and _blobs(services) == 0

    photo = ev.image("Uvideo", timestamp_ms=line.timestamp())
    declared = fake_line.set_content_stream(
        photo["message"]["id"], 50 * MB, "image/jpeg", declare_length=True
    )
    assert "ใหญ่เกิน 10 MB" in texts(line.send_event("Uvideo", photo))
    assert fake_line.wait_for(lambda _: declared.done)
    assert declared.sent < SLACK  # its length said it all: not read at all

    assert "แนบแล้ว 1 ไฟล์" in texts(line.send_image("Uvideo", b"\xff\xd8 a real photo"))
    scan = ev.file("Uvideo", timestamp_ms=line.timestamp(), file_name="scan.pdf", size=11 * MB)
    before = len(fake_line.requests_to("/content"))
    assert "ใหญ่เกิน 10 MB" in texts(line.send_event("Uvideo", scan))
    assert len(fake_line.requests_to("/content")) == before  # its size said: not even asked


def test_a_citizens_too_big_photo_is_refused_with_a_word(line, services, fake_line, seed_plan):
    for said in ("ร้องเรียน", "ท่อระบายน้ำอุดตันหน้าตลาด"):
        line.send("Ucitizen", said)
    photo = ev.image("Ucitizen", timestamp_ms=line.timestamp())
    stream = fake_line.set_content_stream(photo["message"]["id"], 50 * MB, "image/jpeg")
    said = texts(line.send_event("Ucitizen", photo))
    assert "ใหญ่เกิน 10 MB" in said and "ส่งได้สูงสุด 3 รูป" in said
    assert fake_line.wait_for(lambda _: stream.done)
    assert LIMIT < stream.sent < LIMIT + SLACK, stream.sent
    fake_line.fail("/content", 404)
    assert "ดึงไฟล์จากไลน์ไม่สำเร็จ" in texts(line.send_image("Ucitizen", b"gone"))
    assert "แนบรูปแล้ว 1 รูป" in texts(line.send_image("Ucitizen", b"\xff\xd8 drain"))
    draft = SuggestDraft.model_validate(_draft(services, "Ucitizen"))
    assert len(draft.photos) == 1 and _blobs(services) == 1
