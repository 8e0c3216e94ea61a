"""``flask calendar load FILE``, ``flask calendar recompute`` and ``flask calendar status``."""

from pathlib import Path

import click
from flask.cli import AppGroup

from tourism.calendar import notices, service
from tourism.core import clock
from tourism.core.errors import DomainError
from tourism.extensions import db

calendar_cli = AppGroup("calendar", help="The working-day calendar: State Council holiday notices.")


def _report(recomputed: dict[str, int]):
    for name, count in recomputed.items():
        click.echo(f"  {name}: {count} record(s) with changed deadlines")


@calendar_cli.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Correct a notice already held for that year.")
def load_command(file, replace):
    """Load a year's notice from a JSON file and recompute every open deadline."""
    try:
        result = service.load_notice(db.session, "calendar", notices.read_file(file), replace=replace)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.as_text()) from error
    if not result.changed:
        click.echo(f"The notice for {result.year} is already held; nothing changed.")
        return
    click.echo(f"Loaded the notice for {result.year}.")
    _report(result.recomputed)


@calendar_cli.command("recompute")
def recompute_command():
    """Recompute every open deadline on the calendar as it is now (after an update of the shipped notices)."""
    recomputed = service.recompute(db.session, "calendar")
    db.session.commit()
    _report(recomputed)


@calendar_cli.command("status")
def status_command():
    """The years whose notices are held, and the warning due from 1 December."""
    calendar = service.work_calendar(db.session)
    for year in sorted(calendar.notices):
        click.echo(f"{year}: {calendar.notices[year].source}")
    warning = service.missing_next_year(calendar, clock.today())
    if warning:
        click.echo(f"Warning: {warning}")
