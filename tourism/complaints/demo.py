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
    # A Changsha agency's tour, contract signed in Changsha: Zhuhai receives it and transfers it (art. 5, 15).
    complaints.file_complaint(
        session, complainant_name="示例游客丁", complainant_phone="13800000004", respondent_kind="other",
        respondent_ref="示例长沙某旅行社", respondent_city="430100", contract_city="430100",
        contract_end_on=today - timedelta(days=5), incident_city="440400", occurred_on=today - timedelta(days=6),
        description="示例：长沙组团社的行程在珠海被擅自取消一个景点。")
    # Four tourists with the same cause choose one representative (art. 14).
    complaints.file_complaint(
        session, complainant_name="示例游客戊", complainant_phone="13800000005", complainant_representative=True,
        co_complainants=[{"name": f"示例游客{n}", "phone": f"1380000000{i}", "representative": False}
                         for i, n in ((6, "己"), (7, "庚"), (8, "辛"))],
        respondent_kind="agency", respondent_ref="L-GD-DEMO02", contract_city="440600",
        contract_end_on=today - timedelta(days=3), incident_city="440600", occurred_on=today - timedelta(days=4),
        description="示例：同团四人被强制安排自费项目。", claim_cny=1200)
    session.flush()
