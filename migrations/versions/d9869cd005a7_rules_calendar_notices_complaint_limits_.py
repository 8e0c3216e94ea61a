"""rules: holiday notices, complaint limits and parties, deposit kind and penalties, revocation bar, upward reports

Revision ID: d9869cd005a7
Revises: 2669913de93f
Create Date: 2026-11-26 12:01:16.412895

"""
from datetime import UTC

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd9869cd005a7'
down_revision = '2669913de93f'
branch_labels = None
depends_on = None

OLD_STATUSES = "'received', 'accepted', 'not_accepted', 'mediation', 'investigation', 'decided', 'closed', 'reopened'"


def _check(table, name, values):
    return sa.CheckConstraint(f"{name} IN ({values})", name=op.f(f"ck_{table}_{name}"))


def _backfill_office_deadlines():
    """Count each office's filing limits on the shipped holiday notices, as the application now stores them."""
    from flask import current_app

    from tourism.agencies.deadlines import filing_deadlines
    from tourism.calendar.notices import bundled
    from tourism.calendar.workdays import WorkCalendar
    from tourism.core.clock import LOCAL_TZ

    calendar = WorkCalendar(bundled())
    days = current_app.config["FILING_DECISION_WORKING_DAYS"]
    bind = op.get_bind()
    offices = sa.table("offices", sa.column("id"), sa.column("established_on", sa.Date()),
                       sa.column("submitted_at", sa.DateTime(timezone=True)), sa.column("submission_due", sa.Date()),
                       sa.column("decision_due", sa.Date()), sa.column("deadlines_provisional", sa.Boolean()))
    for row in bind.execute(sa.select(offices.c.id, offices.c.established_on, offices.c.submitted_at)).all():
        submitted_at = row.submitted_at if row.submitted_at.tzinfo else row.submitted_at.replace(tzinfo=UTC)
        submitted_on = submitted_at.astimezone(LOCAL_TZ).date()
        submission, decision = filing_deadlines(calendar, established_on=row.established_on,
                                                submitted_on=submitted_on, decision_days=days)
        bind.execute(offices.update().where(offices.c.id == row.id).values(
            submission_due=submission.date, decision_due=decision.date,
            deadlines_provisional=submission.provisional or decision.provisional))


def upgrade():
    op.create_table('holiday_notices',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('loaded_by', sa.String(length=64), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_holiday_notices'))
    )
    op.create_table('agency_penalties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('harms_tourists', sa.Boolean(), nullable=False),
    sa.Column('document_no', sa.String(length=64), nullable=False),
    sa.Column('authority', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    _check('agency_penalties', 'kind', "'warning', 'criticism', 'fine', 'confiscation', 'suspension', 'revocation'"),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_agency_penalties_agency_id_agencies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_penalties')),
    sa.UniqueConstraint('agency_id', 'document_no', name='uq_agency_penalties_document')
    )
    with op.batch_alter_table('agency_penalties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_penalties_agency_id'), ['agency_id'], unique=False)

    op.create_table('complaint_co_complainants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('representative', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_complaint_co_complainants_complaint_id_complaints'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_co_complainants'))
    )
    with op.batch_alter_table('complaint_co_complainants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_co_complainants_complaint_id'), ['complaint_id'], unique=False)

    op.create_table('incident_agencies',
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_incident_agencies_agency_id_agencies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_agencies_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('incident_id', 'agency_id', name=op.f('pk_incident_agencies'))
    )
    op.create_table('incident_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    _check('incident_reports', 'level', "'province', 'ministry'"),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_reports_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_reports')),
    sa.UniqueConstraint('incident_id', 'level', name='uq_incident_reports_level')
    )
    with op.batch_alter_table('incident_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_reports_incident_id'), ['incident_id'], unique=False)

    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deposit_kind', sa.String(length=10), server_default='account', nullable=False))
        batch_op.add_column(sa.Column('deposit_since', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('guarantee_expires_on', sa.Date(), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_agencies_deposit_kind'), "deposit_kind IN ('account', 'guarantee')")

    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accept_by_provisional', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('contract_end_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('without_contract', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('complainant_representative', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('transfer_to', sa.String(length=6), nullable=True))
        batch_op.add_column(sa.Column('transferred_authority', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('respondent_notified_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('respondent_reply_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('respondent_replied_on', sa.Date(), nullable=True))
        # A case may now end transferred to a competent authority outside the zone.
        batch_op.drop_constraint(batch_op.f('ck_complaints_status'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_complaints_status'),
                                         f"status IN ({OLD_STATUSES}, 'transferred')")

    with op.batch_alter_table('guides', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_on', sa.Date(), nullable=True))

    with op.batch_alter_table('incident_cities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=12), server_default='affected', nullable=False))
        batch_op.create_check_constraint(batch_op.f('ck_incident_cities_role'), "role IN ('affected', 'agency_home')")

    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('decision_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('deadlines_provisional', sa.Boolean(), server_default=sa.false(), nullable=False))
    _backfill_office_deadlines()
    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.alter_column('submission_due', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('decision_due', existing_type=sa.Date(), nullable=False)


def downgrade():
    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.drop_column('deadlines_provisional')
        batch_op.drop_column('decision_due')
        batch_op.drop_column('submission_due')

    with op.batch_alter_table('incident_cities', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_incident_cities_role'), type_='check')
        batch_op.drop_column('role')

    with op.batch_alter_table('guides', schema=None) as batch_op:
        batch_op.drop_column('revoked_on')

    op.execute("UPDATE complaints SET status = 'closed' WHERE status = 'transferred'")
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_complaints_status'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_complaints_status'), f"status IN ({OLD_STATUSES})")
        batch_op.drop_column('respondent_replied_on')
        batch_op.drop_column('respondent_reply_due')
        batch_op.drop_column('respondent_notified_on')
        batch_op.drop_column('transferred_authority')
        batch_op.drop_column('transfer_to')
        batch_op.drop_column('complainant_representative')
        batch_op.drop_column('without_contract')
        batch_op.drop_column('contract_end_on')
        batch_op.drop_column('accept_by_provisional')

    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_agencies_deposit_kind'), type_='check')
        batch_op.drop_column('guarantee_expires_on')
        batch_op.drop_column('deposit_since')
        batch_op.drop_column('deposit_kind')

    with op.batch_alter_table('incident_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_reports_incident_id'))

    op.drop_table('incident_reports')
    op.drop_table('incident_agencies')
    with op.batch_alter_table('complaint_co_complainants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_co_complainants_complaint_id'))

    op.drop_table('complaint_co_complainants')
    with op.batch_alter_table('agency_penalties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_penalties_agency_id'))

    op.drop_table('agency_penalties')
    op.drop_table('holiday_notices')
