"""A demo incident (fictional), so the regulators of the cities it touches find one to acknowledge."""

from datetime import timedelta

from sqlalchemy import func, select

from tourism.core import clock
from tourism.emergencies import service
from tourism.emergencies.models import Incident


def seed_incidents(session):
    if session.scalar(select(func.count(Incident.id))):
        return
    service.report_incident(session, "demo-seed", grade="IV", kind="natural_disaster",
                            cities=["440400", "442000", "440700"], occurred_at=clock.now() - timedelta(hours=2),
                            summary="示例：台风预警，沿海景区暂停开放，旅游团滞留。", stranded=30)
    session.flush()
