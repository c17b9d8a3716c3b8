"""agencies: the agency table with agency no. 1, and the inbox's agency

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 05:00:00

Agency no. 1 is the deployment as it was: its channel stays in the environment (state
`env`), it is named after its latest plan. On PostgreSQL the id sequence moves past it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('agency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('basic_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('bot_user_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('channel_secret', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('access_token', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('webhook_url', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('webhook_tested_at', models.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('created_at', models.types.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency')),
    sa.UniqueConstraint('bot_user_id', name=op.f('uq_agency_bot_user_id')),
    sa.UniqueConstraint('slug', name=op.f('uq_agency_slug'))
    )
    with op.batch_alter_table('inboxevent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agency_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_inboxevent_agency_id_agency'), 'agency', ['agency_id'], ['id'])

    connection = op.get_bind()
    name = connection.execute(
        sa.text("SELECT agency FROM plan ORDER BY fiscal_year DESC, id DESC LIMIT 1")
    ).scalar()
    connection.execute(
        sa.text(
            "INSERT INTO agency (id, slug, name, state, created_at)"
            " VALUES (1, 'main', :name, 'env', CURRENT_TIMESTAMP)"
        ),
        {"name": (name or "main")[:200]},
    )
    if connection.dialect.name == "postgresql":
        connection.execute(
            sa.text("SELECT setval(pg_get_serial_sequence('agency', 'id'), MAX(id)) FROM agency")
        )


def downgrade() -> None:
    with op.batch_alter_table('inboxevent', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_inboxevent_agency_id_agency'), type_='foreignkey')
        batch_op.drop_column('agency_id')

    op.drop_table('agency')
