"""`flask --app app planner-worker`: solve queued plans, one at a time per process.

Run as many processes as there are cores to spare for planning; each takes one job at a time from the
queue, so the number of processes is the ceiling on concurrent solves. Every process also sweeps, on
start and every minute, for jobs whose worker stopped mid-solve (tourism/planner/jobs.py). SIGTERM lets
the solve in hand finish before the process exits (RQ's warm shutdown); a second one stops it at once,
and the sweep then hands its job to another worker.
"""

import threading

import click
from flask import current_app
from flask.cli import with_appcontext
from rq import SimpleWorker

from tourism.extensions import db
from tourism.planner import jobs

RECOVERY_INTERVAL_S = 60


def perform(job_id: str, attempt: int) -> None:
    """The queued function: runs inside the worker's application context."""
    try:
        jobs.run(db.session, job_id, attempt)
    finally:
        db.session.remove()


def _sweep_forever(app, stop: threading.Event) -> None:
    while not stop.wait(RECOVERY_INTERVAL_S):
        with app.app_context():
            try:
                jobs.recover_all(db.session)
            except Exception:  # noqa: BLE001 (a failed sweep is retried at the next interval)
                app.logger.exception("planning job sweep failed")
            finally:
                db.session.remove()


@click.command("planner-worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty instead of waiting for more.")
@with_appcontext
def planner_worker_command(burst):
    """Solve queued plans (needs REDIS_URL)."""
    queue = jobs.planning_queue()
    if queue is None:
        raise click.ClickException("Set REDIS_URL: without Redis, plans are solved in the web process.")
    app = current_app._get_current_object()
    swept = jobs.recover_all(db.session)
    db.session.remove()
    click.echo(f"Planning worker on queue {queue.name!r}; {swept} unfinished job(s) checked.")
    stop = threading.Event()
    threading.Thread(target=_sweep_forever, args=(app, stop), daemon=True).start()
    try:
        SimpleWorker([queue], connection=queue.connection).work(burst=burst, with_scheduler=False)
    finally:
        stop.set()
