"""Demo complaints (fictional), so each regulator finds work in the queue."""

from datetime import timedelta

from sqlalchemy import func, select

from tourism.complaints import service as complaints
from tourism.complaints.models import Complaint
from tourism.core import clock


def seed_cases(session):
    if session.scalar(select(func.count(Complaint.id))):
        return
    today = clock.today()
    with clock.frozen_at(clock.now() - timedelta(days=12)):
        complaints.file_complaint(
            session, complainant_name="示例游客甲", complainant_phone="13800000001", respondent_kind="agency",
            incident_city="440600", occurred_on=today - timedelta(days=14),
            description="示例：行程中被安排进入购物店并被要求消费。", respondent_ref="L-GD-DEMO02",
            contract_city="440600", claim_cny=800)
    complaints.file_complaint(
        session, complainant_name="示例游客乙", complainant_phone="13800000002", respondent_kind="guide",
        incident_city="440100", occurred_on=today - timedelta(days=2),
        description="示例：导游擅自变更行程，取消了陈家祠参观。", respondent_ref="D-4401-900001",
        contract_city="440300", claim_cny=300)
    complaints.file_complaint(
        session, complainant_name="示例游客丙", complainant_phone="13800000003", respondent_kind="poi",
        incident_city="442000", occurred_on=today, description="示例：景区门口有人强行拉客收费。",
        respondent_ref="示例景区", urgent=True)
    session.flush()
