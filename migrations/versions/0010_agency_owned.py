"""every agency-owned table gains agency_id; its unique keys become the agency's

Every existing row is agency no. 1's (the single-agency database this upgrades). On
PostgreSQL the column's default is then dropped (a new row must say its agency) and each
table is put behind row-level security (models/tenancy.py, docs/TENANCY.md "Two walls").
Events held for other agencies (`/callback/<slug>` before this) are now handled. The
inbox is not behind the wall: the webhook writes it in one autocommit statement, its
agency from the URL and signature, and the worker claims from it for every agency. The
policies bind every role but the tables' owner (and superusers): a deployment for many
agencies runs its processes as a role of their own (README, "Many agencies"); one that
connects as the owner keeps working as before. Downgrading keeps agency no. 1's rows only
where a key would clash.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 07:44:27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.tenancy import row_security

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: tables whose agency_id is a plain indexed column
INDEXED = [
    'action', 'auditlog', 'case_event', 'case_topic', 'consolesession', 'conversation',
    'evidence', 'indicator', 'linkcode', 'measure', 'measureunit', 'meeting', 'outboxmessage',
    'pinnedmeasure', 'plan', 'ratehit', 'rating', 'recommendation', 'report', 'staff',
    'suggestion', 'unanswered_question', 'unit',
]

#: tables whose natural primary key becomes (agency_id, key)
KEYED = {'appsetting': 'key', 'dayoff': 'day', 'linegroup': 'chat_id', 'lineuser': 'line_user_id'}

#: unique keys that become the agency's: table -> [(old columns, new columns)]
UNIQUE = {
    'case_topic': [(['name'], ['agency_id', 'name'])],
    'conversation': [(['chat_key'], ['agency_id', 'chat_key'])],
    'meeting': [(['month'], ['agency_id', 'month'])],
    'outboxmessage': [(['dedupe_key'], ['agency_id', 'dedupe_key'])],
    'plan': [(['fiscal_year'], ['agency_id', 'fiscal_year'])],
    'rating': [(['line_user_id', 'month'], ['agency_id', 'line_user_id', 'month'])],
    'staff': [(['line_user_id'], ['agency_id', 'line_user_id']), (['name'], ['agency_id', 'name'])],
    'suggestion': [
        (['fiscal_year', 'seq'], ['agency_id', 'fiscal_year', 'seq']),
        (['ref'], ['agency_id', 'ref']),
    ],
    'unit': [(['name'], ['agency_id', 'name'])],
}


def _uq(table: str, columns: list[str]) -> str:
    return f"uq_{table}_{'_'.join(columns)}"


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    op.execute("UPDATE inboxevent SET agency_id = 1 WHERE agency_id IS NULL")
    op.execute("UPDATE inboxevent SET status = 'pending' WHERE status = 'held'")
    with op.batch_alter_table('inboxevent') as batch_op:
        batch_op.alter_column('agency_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index('ix_inboxevent_agency_id', ['agency_id'])
    for table in INDEXED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('agency_id', sa.Integer(), nullable=False, server_default='1'))
            for old, new in UNIQUE.get(table, []):
                batch_op.drop_constraint(_uq(table, old), type_='unique')
                batch_op.create_unique_constraint(_uq(table, new), new)
            batch_op.create_index(f'ix_{table}_agency_id', ['agency_id'])
            batch_op.create_foreign_key(f'fk_{table}_agency_id_agency', 'agency', ['agency_id'], ['id'])
    for table, key in KEYED.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('agency_id', sa.Integer(), nullable=False, server_default='1'))
            batch_op.drop_constraint(f'pk_{table}', type_='primary')
            batch_op.create_primary_key(f'pk_{table}', ['agency_id', key])
            batch_op.create_foreign_key(f'fk_{table}_agency_id_agency', 'agency', ['agency_id'], ['id'])
    if postgres:
        for table in [*INDEXED, *KEYED]:
            op.alter_column(table, 'agency_id', server_default=None)
            for statement in row_security(table):
                op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    if postgres:
        for table in [*INDEXED, *KEYED]:
            op.execute(f'DROP POLICY IF EXISTS agency_isolation ON "{table}"')
            op.execute(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
    op.execute("DELETE FROM inboxevent WHERE agency_id <> 1")
    for table, key in KEYED.items():
        op.execute(f'DELETE FROM "{table}" WHERE agency_id <> 1')
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(f'fk_{table}_agency_id_agency', type_='foreignkey')
            batch_op.drop_constraint(f'pk_{table}', type_='primary')
            batch_op.create_primary_key(f'pk_{table}', [key])
            batch_op.drop_column('agency_id')
    for table in reversed(INDEXED):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(f'fk_{table}_agency_id_agency', type_='foreignkey')
            batch_op.drop_index(f'ix_{table}_agency_id')
            for old, new in UNIQUE.get(table, []):
                batch_op.drop_constraint(_uq(table, new), type_='unique')
                batch_op.create_unique_constraint(_uq(table, old), old)
            batch_op.drop_column('agency_id')
    with op.batch_alter_table('inboxevent') as batch_op:
        batch_op.drop_index('ix_inboxevent_agency_id')
        batch_op.alter_column('agency_id', existing_type=sa.Integer(), nullable=True)
