"""Background planning: a request kept as a job, solved by `flask --app app planner-worker` off an RQ queue.

Without REDIS_URL the same job is solved within the request, so a client's code is the same either way.
The job's state lives in the database (queued -> running -> done | failed), so every web worker answers a
poll alike, and a worker that dies mid-solve cannot lose the job: once a running job is past its deadline
it is queued again, up to MAX_ATTEMPTS, and then failed with the reason. Each attempt carries its number,
so a superseded attempt that wakes up late changes nothing.

Concurrency is bounded twice: by the number of worker processes (one solve each), and, for plans solved in
a web process, by PLANNER_MAX_IN_PROCESS solves per process, so a burst of plans leaves threads to the API.
"""

import hashlib
import hmac
import threading
import uuid
from contextlib import contextmanager
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from marshmallow import ValidationError
from redis import Redis
from rq import Queue
from rq.job import Job
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from tourism.core import clock
from tourism.core.errors import NotFound, RateLimited, ServiceBusy
from tourism.planner import service
from tourism.planner.enums import JobStatus
from tourism.planner.models import PlanningJob
from tourism.planner.schemas import ItineraryRequestSchema

QUEUED, RUNNING, DONE, FAILED = JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.DONE, JobStatus.FAILED
MAX_ATTEMPTS = 2


def _state(app) -> dict:
    """Per-application objects: the queue (when Redis is configured) and the in-process solve slots."""
    state = app.extensions.get("planning_jobs")
    if state is None:
        url = app.config.get("REDIS_URL")
        state = {"queue": Queue(app.config["PLANNER_QUEUE"], connection=Redis.from_url(url)) if url else None,
                 "slots": threading.BoundedSemaphore(app.config["PLANNER_MAX_IN_PROCESS"])}
        app.extensions["planning_jobs"] = state
    return state


def planning_queue() -> Queue | None:
    return _state(current_app)["queue"]


@contextmanager
def free_slot():
    """Yield whether one of this process's solve slots was free (and hold it while inside)."""
    slots = _state(current_app)["slots"]
    taken = slots.acquire(blocking=False)
    try:
        yield taken
    finally:
        if taken:
            slots.release()


@contextmanager
def solving_slot():
    """Hold one of this process's solve slots for a plan solved in the request, or answer 503."""
    slots = _state(current_app)["slots"]
    if not slots.acquire(blocking=False):
        raise ServiceBusy(_("Too many plans are being computed right now; please try again in a moment."),
                          retry_after=10)
    try:
        yield
    finally:
        slots.release()


def time_limit_for(requested: float, authenticated: bool) -> float:
    """The search time a request gets: the public's is capped, so one visitor cannot hold a solver for long."""
    return requested if authenticated else min(requested, current_app.config["PLANNER_PUBLIC_MAX_TIME_S"])


def client_key(address: str | None) -> str:
    """Who asked, as a keyed hash of the address: enough to count a client's jobs, not to find the person."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()[:32]


def plan_now(session, data: dict) -> dict:
    """Solve a plan within this request, holding one of the process's solve slots.

    The transaction is ended first: no lock is held while the solver works.
    """
    session.commit()
    with solving_slot():
        return service.create_itinerary(session, data)


def _new_job(session, data: dict, client: str) -> PlanningJob:
    job = PlanningJob(id=uuid.uuid4().hex, request=service.stored_request(data), status=QUEUED, attempts=0,
                      client=client)
    session.add(job)
    session.commit()
    return job


def _check_client_share(session, client: str) -> None:
    waiting = session.scalar(select(func.count()).select_from(PlanningJob).where(
        PlanningJob.client == client, PlanningJob.status.in_((QUEUED, RUNNING))))
    if waiting >= current_app.config["PLANNER_MAX_JOBS_PER_CLIENT"]:
        raise RateLimited(_("Your earlier plans are still being computed; wait for them before asking for more."),
                          retry_after=30)


def submit(session, data: dict, client: str) -> PlanningJob:
    """Keep the request as a job; queue it for a worker, or solve it here when there is no queue.

    A refusal (429, 503) comes before the job is kept, so no job is left waiting for a solve that never starts.
    """
    _check_client_share(session, client)
    queue = planning_queue()
    waiting = queue.count if queue is not None else session.scalar(
        select(func.count()).select_from(PlanningJob).where(PlanningJob.status == QUEUED))
    if waiting >= current_app.config["PLANNER_MAX_QUEUED"]:
        raise ServiceBusy(_("The planning queue is full; please try again in a minute."), retry_after=60)
    job = _new_job(session, data, client)
    if queue is None:
        _run_if_free(session, job)
    else:
        _enqueue(queue, job, 1)
    return job


def _run_if_free(session, job: PlanningJob) -> None:
    """Without Redis, a queued job is solved in the request that finds a slot free: its own, or a later
    look at its progress; until then it waits in the database."""
    with free_slot() as free:
        if free:
            run(session, job.id, job.attempts + 1)


def _rq_id(job_id: str, attempt: int) -> str:
    return f"plan-{job_id}-{attempt}"


def _enqueue(queue: Queue, job: PlanningJob, attempt: int) -> None:
    limit = job.request["time_limit_s"]
    queue.enqueue("tourism.planner.worker.perform", job.id, attempt, job_id=_rq_id(job.id, attempt),
                  job_timeout=int(limit * 4 + 60), result_ttl=0, failure_ttl=86400)


def run(session, job_id: str, attempt: int) -> None:
    """Solve attempt number ``attempt`` of a job; an attempt that is no longer the current one does nothing."""
    job = session.get(PlanningJob, job_id)
    if job is None or job.status not in (QUEUED, RUNNING) or job.attempts != attempt - 1:
        return
    job.status, job.attempts, job.started_at = RUNNING, attempt, clock.now()
    try:
        session.commit()
    except StaleDataError:
        session.rollback()
        return
    try:
        result = service.create_itinerary(session, ItineraryRequestSchema().load(job.request))
        job.status, job.itinerary_id = DONE, result["id"]
    except ValidationError as error:  # the catalogue changed under a queued request
        session.rollback()
        job.status, job.error = FAILED, _("The request is no longer valid: %(why)s", why=error.messages)
    except Exception:  # noqa: BLE001 (any failure ends the job; the details go to the log, not to the public)
        session.rollback()
        current_app.logger.exception("planning job %s failed", job_id)
        job.status, job.error = FAILED, _("The planner could not finish this plan; please try again, or change "
                                          "the request.")
    job.finished_at = clock.now()
    try:
        session.commit()
    except StaleDataError:  # recovered and handed to another attempt meanwhile: that one decides
        session.rollback()


def _deadline(job: PlanningJob):
    limit = job.request["time_limit_s"]
    return job.started_at + timedelta(seconds=limit * 2 + current_app.config["PLANNER_JOB_GRACE_S"])


def recover(session, job: PlanningJob) -> None:
    """Queue again, or fail with the reason, a job whose worker stopped or whose queue entry was lost; without
    Redis, solve a waiting job here if a slot is free."""
    queue = planning_queue()
    if queue is None and job.status == QUEUED:
        _run_if_free(session, job)
        return
    if queue is None or job.status not in (QUEUED, RUNNING):
        return
    if job.status == QUEUED:
        attempt = job.attempts + 1
        if not Job.exists(_rq_id(job.id, attempt), connection=queue.connection):
            _enqueue(queue, job, attempt)  # Redis restarted (it keeps nothing on disk) before a worker took it
        return
    if clock.now() <= _deadline(job):
        return
    if job.attempts < MAX_ATTEMPTS:
        job.status = QUEUED
        session.commit()
        _enqueue(queue, job, job.attempts + 1)
    else:
        job.status, job.finished_at = FAILED, clock.now()
        job.error = _("The planning worker stopped before finishing, %(n)s times; please plan again.",
                      n=job.attempts)
        session.commit()


def recover_all(session) -> int:
    """Recover every job left queued or running; the worker calls this on start and every minute."""
    jobs = session.scalars(select(PlanningJob).where(PlanningJob.status.in_((QUEUED, RUNNING)))).all()
    for job in jobs:
        try:
            recover(session, job)
        except StaleDataError:
            session.rollback()
    return len(jobs)


def get_job(session, job_id: str) -> PlanningJob:
    job = session.get(PlanningJob, job_id)
    if job is None:
        raise NotFound()
    try:
        recover(session, job)
    except StaleDataError:
        session.rollback()
        job = session.get(PlanningJob, job_id)
    return job
