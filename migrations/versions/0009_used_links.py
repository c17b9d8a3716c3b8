"""one-time links: the nonces of links that have done their work

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 04:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('used_link',
    sa.Column('nonce', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('used_at', models.types.AwareDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('nonce', name=op.f('pk_used_link'))
    )


def downgrade() -> None:
    op.drop_table('used_link')
