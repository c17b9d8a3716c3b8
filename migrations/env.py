"""Alembic environment: the app passes its connection; developers may pass -x url=…"""

from alembic import context
from sqlalchemy import create_engine

import models
from models.base import metadata

assert models  # every table is registered on import


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///instance/tidtam.sqlite3")
    with create_engine(url).connect() as connection:
        _migrate(connection)
        connection.commit()


def _migrate(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
