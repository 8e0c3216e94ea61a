"""Background planning: 202 and a job to poll; with Redis, a real RQ queue and worker, retried when killed."""

import signal
import time
import uuid
from datetime import timedelta

import pytest
from rq import Queue, SimpleWorker

from tests.factories import csrf_from
from tests.services import REDIS_URL, flask_process, redis_or_skip
from tourism.core import clock
from tourism.planner import itinerary, jobs
from tourism.planner.models import Itinerary, PlanningJob

REQUEST = {"start_date": "2026-12-08", "days": 1, "start_city": "440100", "themes": {"garden": 3, "museum": 2},
           "time_limit_s": 0.5}


@pytest.fixture
def queue(app):
    """The app wired to a Redis queue of its own; emptied and removed afterwards."""
    redis_or_skip()
    app.config.update(REDIS_URL=REDIS_URL, PLANNER_QUEUE=f"planning-test-{uuid.uuid4().hex[:8]}")
    app.extensions.pop("planning_jobs", None)
    queue = jobs.planning_queue()
    yield queue
    queue.delete(delete_jobs=True)


def work_off(queue: Queue) -> None:
    SimpleWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)


def poll(client, response):
    assert response.status_code == 202, response.json
    assert response.headers["Location"] == response.json["url"]
    return client.get(response.headers["Location"]).json


def test_without_redis_async_answers_202_with_a_finished_job(client, places):
    job = poll(client, client.post("/api/v1/itineraries", json={**REQUEST, "async": True}))
    assert job["status"] == "done" and job["attempts"] == 1 and job["error"] is None
    plan = client.get(job["itinerary_url"])
    assert plan.status_code == 200 and plan.json["days"][0]["stops"]


def test_a_failing_solve_is_recorded_without_its_internals(client, places, monkeypatch):
    def crash(request):
        raise RuntimeError("solver ran out of memory at /srv/tourism/planner")

    monkeypatch.setattr(itinerary, "plan", crash)
    response = client.post("/api/v1/itineraries", json={**REQUEST, "async": True}, headers={"Accept-Language": "en"})
    job = poll(client, response)
    assert job["status"] == "failed" and job["itinerary_url"] is None
    assert "could not finish this plan" in job["error"]
    assert "RuntimeError" not in job["error"] and "/srv" not in job["error"]


def test_a_busy_process_answers_503_with_retry_after(client, places, app):
    slots = jobs._state(app)["slots"]
    assert slots.acquire(blocking=False)
    try:
        response = client.post("/api/v1/itineraries", json=REQUEST)
    finally:
        slots.release()
    assert response.status_code == 503 and response.json["code"] == "busy"
    assert int(response.headers["Retry-After"]) > 0
    assert client.post("/api/v1/itineraries", json=REQUEST).status_code == 201


def test_without_redis_a_busy_process_queues_an_async_plan_and_a_later_look_solves_it(client, places, app):
    slots = jobs._state(app)["slots"]
    assert slots.acquire(blocking=False)
    try:
        response = client.post("/api/v1/itineraries", json={**REQUEST, "async": True})
        assert response.status_code == 202 and response.json["status"] == "queued"
        assert client.get(response.headers["Location"]).json["status"] == "queued", "still busy: still waiting"
    finally:
        slots.release()
    job = client.get(response.headers["Location"]).json
    assert job["status"] == "done" and client.get(job["itinerary_url"]).json["days"][0]["stops"]


def test_without_redis_a_busy_planner_queues_the_page_request_and_says_so(client, places, app):
    page = client.get("/plan").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "start_date": (clock.today() + timedelta(days=7)).isoformat(), "days": "1",
            "start_city": "440100", "end_city": "440100", "day_start": "09:00", "day_end": "18:00",
            "group_size": "1", "theme_garden": "lot"}
    slots = jobs._state(app)["slots"]
    assert slots.acquire(blocking=False)
    try:
        response = client.post("/plan", data=form)
        assert response.status_code == 302 and "/plan/jobs/" in response.headers["Location"]
        waiting = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "queued" in waiting or "排队" in waiting
    finally:
        slots.release()
    assert "/itineraries/" in client.get(response.headers["Location"]).headers["Location"]


def test_unknown_job_is_404(client):
    assert client.get("/api/v1/planning-jobs/nothing-here").status_code == 404


def test_with_redis_a_worker_solves_the_queued_job(client, places, queue, session):
    response = client.post("/api/v1/itineraries", json={**REQUEST, "async": True})
    assert poll(client, response)["status"] == "queued" and queue.count == 1
    work_off(queue)
    job = client.get(response.headers["Location"]).json
    assert job["status"] == "done" and job["attempts"] == 1
    assert client.get(job["itinerary_url"]).json["days"][0]["stops"]
    assert session.query(Itinerary).count() == 1


def test_the_planning_page_shows_progress_then_the_itinerary(client, places, queue):
    page = client.get("/plan").get_data(as_text=True)
    form = {"csrf_token": csrf_from(page), "start_date": (clock.today() + timedelta(days=7)).isoformat(), "days": "1",
            "start_city": "440100",
            "end_city": "440100", "day_start": "09:00", "day_end": "18:00", "group_size": "1",
            "theme_garden": "lot"}
    response = client.post("/plan", data=form)
    assert response.status_code == 302 and "/plan/jobs/" in response.headers["Location"]
    waiting = client.get(response.headers["Location"])
    assert waiting.status_code == 200 and 'role="status"' in waiting.get_data(as_text=True)
    work_off(queue)
    ready = client.get(response.headers["Location"])
    assert ready.status_code == 302 and "/itineraries/" in ready.headers["Location"]


def test_a_full_queue_answers_503(client, places, queue, app):
    app.config["PLANNER_MAX_QUEUED"] = 1
    assert client.post("/api/v1/itineraries", json={**REQUEST, "async": True}).status_code == 202
    response = client.post("/api/v1/itineraries", json={**REQUEST, "async": True})
    assert response.status_code == 503 and response.headers["Retry-After"]


def test_a_job_lost_from_redis_is_queued_again(client, places, queue):
    response = client.post("/api/v1/itineraries", json={**REQUEST, "async": True})
    queue.empty()  # as after a Redis restart: it keeps nothing on disk
    assert client.get(response.headers["Location"]).json["status"] == "queued"
    assert queue.count == 1
    work_off(queue)
    assert client.get(response.headers["Location"]).json["status"] == "done"


def test_a_job_whose_worker_stopped_twice_fails_with_the_reason(client, places, queue, session):
    response = client.post("/api/v1/itineraries", json={**REQUEST, "async": True})
    job = session.get(PlanningJob, response.json["id"])
    job.status, job.attempts, job.started_at = "running", jobs.MAX_ATTEMPTS, clock.now()
    session.commit()
    with clock.frozen_at(clock.now() + timedelta(minutes=5)):
        polled = client.get(response.headers["Location"], headers={"Accept-Language": "en"}).json
    assert polled["status"] == "failed" and "stopped before finishing, 2 times" in polled["error"]


def test_a_worker_killed_mid_solve_leaves_the_job_retried(client, queue, app, database_url, session):
    # The real catalogue: the worker process reads routes_data/ as a deployment does.
    response = client.post("/api/v1/itineraries", json={**REQUEST, "days": 3, "time_limit_s": 4, "async": True})
    url = response.headers["Location"]
    worker = flask_process(database_url, "planner-worker", PLANNER_QUEUE=app.config["PLANNER_QUEUE"])
    try:
        deadline = time.monotonic() + 60
        while client.get(url).json["status"] != "running":
            assert time.monotonic() < deadline, "the worker never took the job"
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        worker.kill()
    assert client.get(url).json["status"] == "running"  # not yet past its deadline: it may still be working
    with clock.frozen_at(clock.now() + timedelta(minutes=5)):
        assert client.get(url).json["status"] == "queued"
    work_off(queue)
    job = client.get(url).json
    assert job["status"] == "done" and job["attempts"] == 2
    assert session.query(Itinerary).count() == 1
