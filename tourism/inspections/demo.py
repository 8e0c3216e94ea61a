"""A demo inspection (fictional): Foshan's inspectors find the shopping group in a jade shop not on its sheet."""

from sqlalchemy import func, select

from tourism.core import clock
from tourism.groups.models import TourGroup
from tourism.inspections import service
from tourism.inspections.models import Inspection


def seed_inspections(session):
    if session.scalar(select(func.count(Inspection.id))):
        return
    group = session.scalar(select(TourGroup).where(TourGroup.shopping_minutes > TourGroup.shopping_allowed_minutes)
                           .order_by(TourGroup.id).limit(1))
    if group is None or not group.start_on <= clock.today() <= group.end_on:
        return
    service.record_inspection(session, "demo-seed", group, at=clock.now(), city="440600", place="示例翡翠商场",
                              guide_licence_no="D-4403-900003", findings=["forced_shopping"],
                              note="示例：游客称导游要求每人进店不少于一小时。")
    session.flush()
