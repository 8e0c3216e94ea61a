"""workspaces: one employment of a guide by an agency from a given day

Revision ID: 5b7e2c41a9d0
Revises: d9869cd005a7
Create Date: 2026-11-26 15:20:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '5b7e2c41a9d0'
down_revision = 'd9869cd005a7'
branch_labels = None
depends_on = None


def upgrade():
    # The same employment recorded again (same guide, agency and first day) adds nothing: keep the first
    # record. Both recordings stay in the guide's history.
    op.execute("DELETE FROM affiliations WHERE agency_id IS NOT NULL AND id NOT IN ("
               "SELECT MIN(id) FROM affiliations WHERE agency_id IS NOT NULL GROUP BY guide_id, agency_id, start_on)")
    op.create_index("uq_affiliations_guide_agency_start", "affiliations", ["guide_id", "agency_id", "start_on"],
                    unique=True)


def downgrade():
    op.drop_index("uq_affiliations_guide_agency_start", table_name="affiliations")
