"""The incident rules: grades, how far up each grade is reported and by when, and the zone's acknowledgement.

Grades: 《旅游安全管理办法》(国家旅游局令第41号, in force 2016-12-01), art. 39 as a secondary source numbers it;
the criteria as quoted by a government page (中牟县文化广电旅游体育局, 2024-04-22; checked 2026-11-26).
'N+' includes N, 'under N' excludes it:
  I   特别重大: 30+ dead or missing, or 100+ seriously injured, or 500+ stranded over 24 h;
  II  重大:     10–29 dead or missing, or 50–99 seriously injured, or 200+ stranded over 24 h;
  III 较大:     3–9 dead or missing, or 10–49 seriously injured, or 50–199 stranded over 24 h;
  IV  一般:     fewer.
Upward reporting: the measures report incidents up by grade, but their reporting article could not be
read. The chain and the hours therefore follow 《生产安全事故报告和调查处理条例》(国务院令第493号), which the
measures rest on, by analogy: art. 10 — a general (IV) event goes up to the districted city's authority, a
major (III) one on to the province, a serious or especially serious (II, I) one on to the State Council's
department (for tourism, the Ministry of Culture and Tourism); art. 11 — each level reports within 2 hours
(the setting INCIDENT_UPWARD_REPORT_HOURS). Cities in this system are districted cities, so a grade IV
incident reported here is already at the top of its chain.
The acknowledgement of a broadcast by each city of the zone within an hour is this system's own policy
among the zone's cities, not law (the setting INCIDENT_ACK_MINUTES, per grade).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app

from tourism.emergencies.enums import Grade, ReportLevel

SEVERITY = {grade: rank for rank, grade in enumerate(Grade)}  # I is the gravest

CHAIN = {
    Grade.I: (ReportLevel.PROVINCE, ReportLevel.MINISTRY),
    Grade.II: (ReportLevel.PROVINCE, ReportLevel.MINISTRY),
    Grade.III: (ReportLevel.PROVINCE,),
    Grade.IV: (),
}


def grade_for(dead_or_missing: int = 0, seriously_injured: int = 0, stranded: int = 0) -> Grade:
    """The grade the casualty figures call for."""
    if dead_or_missing >= 30 or seriously_injured >= 100 or stranded >= 500:
        return Grade.I
    if dead_or_missing >= 10 or seriously_injured >= 50 or stranded >= 200:
        return Grade.II
    if dead_or_missing >= 3 or seriously_injured >= 10 or stranded >= 50:
        return Grade.III
    return Grade.IV


def acknowledge_limit(grade: str) -> timedelta:
    return timedelta(minutes=current_app.config["INCIDENT_ACK_MINUTES"][grade])


@dataclass(frozen=True)
class ReportDue:
    level: ReportLevel
    due_at: datetime
    reported_at: datetime | None

    def overdue(self, now: datetime) -> bool:
        return (self.reported_at or now) > self.due_at


def upward_reports(grade: str, received_at: datetime, reported: dict) -> list[ReportDue]:
    """Each upward report the grade calls for, due a set number of hours after the level below had it.

    ``received_at`` is when the city level had the incident; ``reported`` maps a level to when it was
    reported to (None while not yet).
    """
    hours = timedelta(hours=current_app.config["INCIDENT_UPWARD_REPORT_HOURS"])
    dues, below = [], received_at
    for level in CHAIN[Grade(grade)]:
        due = ReportDue(level, below + hours, reported.get(level))
        dues.append(due)
        below = due.reported_at or due.due_at
    return dues
