"""house: one word for offices, status columns checked from their enums

Revision ID: 2669913de93f
Revises: 81c75fa9caf5
Create Date: 2026-11-26 11:21:04.653589

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2669913de93f'
down_revision = '81c75fa9caf5'
branch_labels = None
depends_on = None


COLUMNS = ("id, agency_id, kind, branch_id, city, name, address, manager, outbound, established_on, status, "
           "submitted_at, decided_at, decided_by_id, filing_no, return_reason, closed_on, version")


def _office_table(name):
    """The table of branch offices and service outlets, under ``name`` (the migration renames it)."""
    op.create_table(name,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=True),
    sa.Column('city', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('manager', sa.String(length=100), nullable=False),
    sa.Column('outbound', sa.Boolean(), nullable=False),
    sa.Column('established_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('filing_no', sa.String(length=32), nullable=True),
    sa.Column('return_reason', sa.String(length=1000), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('branch', 'outlet')", name=op.f(f'ck_{name}_kind')),
    sa.CheckConstraint("status IN ('submitted', 'filed', 'returned', 'closed')", name=op.f(f'ck_{name}_status')),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f(f'fk_{name}_agency_id_agencies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['branch_id'], [f'{name}.id'], name=op.f(f'fk_{name}_branch_id_{name}'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f(f'fk_{name}_decided_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
    sa.UniqueConstraint('filing_no', name=op.f(f'uq_{name}_filing_no'))
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        for column in ('agency_id', 'city', 'status'):
            batch_op.create_index(batch_op.f(f'ix_{name}_{column}'), [column], unique=False)


def _move_offices(source, target):
    _office_table(target)
    op.execute(f"INSERT INTO {target} ({COLUMNS}) SELECT {COLUMNS} FROM {source}")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"SELECT setval(pg_get_serial_sequence('{target}', 'id'), COALESCE(MAX(id), 1), COUNT(*) > 0) "
                   f"FROM {target}")
    with op.batch_alter_table(source, schema=None) as batch_op:
        for column in ('agency_id', 'city', 'status'):
            batch_op.drop_index(batch_op.f(f'ix_{source}_{column}'))
    op.drop_table(source)


STATUS_CHECKS = {"status": "status IN ('received', 'accepted', 'not_accepted', 'mediation', 'investigation', "
                           "'decided', 'closed', 'reopened')",
                 "outcome": "outcome IN ('upheld', 'partly_upheld', 'rejected')"}


def upgrade():
    _move_offices("establishments", "offices")
    # Complaint states and outcomes were free text: now each is one of its enum's values.
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        for name, condition in STATUS_CHECKS.items():
            batch_op.create_check_constraint(batch_op.f(f'ck_complaints_{name}'), condition)


def downgrade():
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        for name in STATUS_CHECKS:
            batch_op.drop_constraint(batch_op.f(f'ck_complaints_{name}'), type_='check')
    _move_offices("offices", "establishments")
