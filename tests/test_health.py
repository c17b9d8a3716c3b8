from __future__ import annotations


def test_healthz_says_the_database_answers(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "demo": False}


def test_healthz_is_503_when_the_database_is_gone(client, services, monkeypatch) -> None:
    from models.db import make_engine

    monkeypatch.setattr(
        services.db, "engine", make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    )
    assert client.get("/healthz").status_code == 503
