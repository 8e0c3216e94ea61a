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
    # A coach accident involving a Foshan agency's group in Zhaoqing: grade III, reported up to the province.
    service.report_incident(session, "demo-seed", grade="III", kind="accident", cities=["441200"],
                            occurred_at=clock.now() - timedelta(minutes=40), seriously_injured=12,
                            summary="示例：旅游大巴在鼎湖山景区山道侧滑，多名游客受伤送医。", agencies=["L-GD-DEMO02"])
    session.flush()
