"""`staff add` and `staff list`: one-time link codes, stored hashed."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select

from models.staff import CODE_ALPHABET, LinkCode, Staff, pinned_measure_numbers, redeem_link_code


def _code(output: str) -> str:
    last = output.strip().splitlines()[-1]
    match = re.fullmatch(r"code: ([A-Z0-9]{6})", last)
    assert match, f"last line should be 'code: XXXXXX', got {last!r}"
    return match[1]


def test_staff_add_prints_a_single_use_code_stored_hashed(
    runner, services, clock, seed_plan
) -> None:
    result = runner.invoke(
        args=["staff", "add", "--name", "สมศรี ใจดี", "--role", "staff", "--measures", "1,๓"]
    )
    assert result.exit_code == 0, result.output
    code = _code(result.output)
    assert set(code) <= set(CODE_ALPHABET)
    with services.db.session() as session:
        staff = session.exec(select(Staff)).one()
        assert staff.role == "staff"
        assert pinned_measure_numbers(session, staff) == [1, 3]
        link = session.exec(select(LinkCode)).one()
        assert code not in link.code_hash and len(link.code_hash) == 64
        assert link.expires_at - clock.now() == timedelta(days=7)
        # default unit: the plan's only responsible unit
        assert "สำนักปลัดเทศบาล" in result.output
        assert (
            redeem_link_code(session, code.lower(), "Uline1", clock.now(), services.secret).id
            == staff.id
        )
        assert (
            redeem_link_code(session, code, "Uline2", clock.now(), services.secret) is None
        )  # single use


def test_a_code_expires_after_seven_days(runner, services, clock) -> None:
    code = _code(runner.invoke(args=["staff", "add", "--name", "ก", "--role", "head"]).output)
    clock.advance(days=7, seconds=1)
    with services.db.session() as session:
        assert redeem_link_code(session, code, "U1", clock.now(), services.secret) is None


def test_staff_add_refuses_duplicates_and_unknown_measures(runner, seed_plan) -> None:
    assert runner.invoke(args=["staff", "add", "--name", "ข", "--role", "staff"]).exit_code == 0
    again = runner.invoke(args=["staff", "add", "--name", "ข", "--role", "staff"])
    assert again.exit_code == 2 and "มีเจ้าหน้าที่ชื่อ ข อยู่แล้ว" in again.output
    unknown = runner.invoke(
        args=["staff", "add", "--name", "ค", "--role", "staff", "--measures", "9"]
    )
    assert unknown.exit_code == 2 and "ไม่มีมาตรการข้อ 9" in unknown.output
    garbled = runner.invoke(
        args=["staff", "add", "--name", "ง", "--role", "staff", "--measures", "หนึ่ง"]
    )
    assert garbled.exit_code == 2 and "อ่านรายการมาตรการ" in garbled.output


def test_staff_list(runner, seed_plan) -> None:
    assert "ยังไม่มีเจ้าหน้าที่" in runner.invoke(args=["staff", "list"]).output
    runner.invoke(args=["staff", "add", "--name", "หัวหน้าสำนักปลัด", "--role", "head"])
    runner.invoke(
        args=[
            "staff",
            "add",
            "--name",
            "นักวิชาการ",
            "--role",
            "staff",
            "--unit",
            "กองคลัง",
            "--measures",
            "2",
        ]
    )
    output = runner.invoke(args=["staff", "list"]).output
    assert "หัวหน้าสำนักปลัด" in output and "[หัวหน้า]" in output
    assert "นักวิชาการ" in output and "กองคลัง" in output and "มาตรการ: 2" in output
    assert "ยังไม่เชื่อมไลน์" in output


def test_staff_add_works_without_a_configured_secret(app, runner, services, monkeypatch) -> None:
    """No TIDTAM_SECRET_KEY: the code is hashed with the derived key, no second session needed."""
    monkeypatch.setattr(
        services, "settings", services.settings.model_copy(update={"secret_key": None})
    )
    result = runner.invoke(args=["staff", "add", "--name", "ใหม่", "--role", "staff"])
    assert result.exit_code == 0, result.output
    code = _code(result.output)
    with services.db.session() as session:
        assert (
            redeem_link_code(session, code, "Unew", services.clock.now(), services.secret)
            is not None
        )


def test_staff_code_replaces_a_lost_code(runner, services, clock) -> None:
    first = _code(runner.invoke(args=["staff", "add", "--name", "ลืมรหัส", "--role", "staff"]).output)
    result = runner.invoke(args=["staff", "code", "ลืมรหัส"])
    assert result.exit_code == 0, result.output
    second = _code(result.output)
    with services.db.session() as session:
        assert redeem_link_code(session, first, "U1", clock.now(), services.secret) is None
        assert redeem_link_code(session, second, "U1", clock.now(), services.secret) is not None
    assert runner.invoke(args=["staff", "code", "ไม่มีคนนี้"]).exit_code == 2
