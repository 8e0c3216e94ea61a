"""Command-line tools: ``flask --app app create-user`` and ``flask --app app seed-demo``."""

import json
import sys

import click
import flask_migrate
from flask import current_app

from tourism.accounts import service as accounts
from tourism.accounts.enums import Role
from tourism.core import audit, backup
from tourism.core.errors import DomainError
from tourism.core.private_files import private_file
from tourism.demo import seed_demo
from tourism.extensions import db


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@click.command("create-user")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(Role.values()))
@click.option("--city", help="GB/T 2260 code of the regulator's city")
@click.option("--agency", help="Licence number of the agency the admin manages")
@click.option("--guide", help="Licence number of the guide")
def create_user_command(username, role, city, agency, guide):
    """Create an account; the password is read from standard input."""
    password = _read_password()
    try:
        user = accounts.create_user(db.session, username=username, password=password, role=role, city=city,
                                    agency=agency, guide=guide)
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.as_text()) from error
    click.echo(f"Created {user.username} ({user.role}).")


def _account(username):
    user = accounts.find_user(db.session, username)
    if user is None:
        raise click.ClickException(f"No account {username!r}.")
    return user


@click.command("set-password")
@click.argument("username")
def set_password_command(username):
    """Give an account a new password (read from standard input); its sessions end and its tokens stop."""
    user = _account(username)
    try:
        accounts.set_password(user, _read_password())
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.as_text()) from error
    click.echo(f"New password set for {user.username}; every earlier session and token is ended.")


@click.command("deactivate-user")
@click.argument("username")
def deactivate_user_command(username):
    """Stop an account from logging in; its sessions end at once."""
    user = _account(username)
    accounts.set_active(user, False)
    db.session.commit()
    click.echo(f"{user.username} is deactivated.")


@click.command("seed-demo")
@click.option("--reset", is_flag=True, help="First empty the database (development only): every record is lost.")
def seed_demo_command(reset):
    """Create demo accounts and records (idempotent) and print how to log in."""
    if reset:
        if not current_app.config["DEMO_CREDENTIALS"]:
            raise click.ClickException("--reset empties the database: it runs only with TOURISM_ENV=development.")
        db.session.remove()
        flask_migrate.downgrade(revision="base")
        flask_migrate.upgrade()
        click.echo("The database is empty again, at the latest schema.")
    credentials = seed_demo(db.session)
    db.session.commit()
    if not current_app.config["DEMO_CREDENTIALS"]:
        click.echo("Demo data is in place. Passwords are printed only when TOURISM_ENV=development.")
        return
    click.echo("Demo log-ins (username / password / role):")
    for username, password, description in credentials:
        click.echo(f"  {username:<16} {password:<24} {description}")


@click.command("verify-audit")
@click.option("--checkpoint", "checkpoint_path", type=click.Path(exists=True, dir_okay=False),
              help="A file written earlier by audit-checkpoint: also check that no stream went back since.")
def verify_audit_command(checkpoint_path):
    """Check every history and every record against it; exit non-zero naming each broken stream."""
    report = audit.verify_all(db.session)
    problems = list(report.problems)
    if checkpoint_path:
        with open(checkpoint_path, encoding="utf-8") as handle:
            problems += audit.verify_checkpoint(db.session, json.load(handle))
    if problems:
        for problem in problems:
            click.echo(f"broken: {problem}", err=True)
        raise click.ClickException(f"{len(problems)} problem(s); first in {problems[0].stream}")
    click.echo(f"{report.streams} histories checked; every link holds and every record matches its history.")


@click.command("audit-seal-legacy")
def audit_seal_legacy_command():
    """Key the history written before the chain was keyed (once, after upgrading), trusting it as it stands."""
    sealed = audit.seal_legacy(db.session)
    db.session.commit()
    click.echo(f"{sealed} entries keyed.")


@click.command("audit-checkpoint")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def audit_checkpoint_command(path):
    """Write every history's length and last MAC to PATH; keep it elsewhere to detect a rollback later."""
    with private_file(path) as handle:
        json.dump(audit.checkpoint(db.session), handle, ensure_ascii=False)
    click.echo(f"Checkpoint written to {path}.")


@click.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def export_command(path):
    """Write every table to PATH (JSON); attachments stay in the instance folder."""
    counts = backup.dump(path, db.session)
    click.echo(f"Exported {sum(counts.values())} rows from {len(counts)} tables to {path}.")


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_command(path):
    """Load an export into this (empty, migrated) database."""
    try:
        counts = backup.load(path, db.session)
        db.session.commit()
    except ValueError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    click.echo(f"Imported {sum(counts.values())} rows into {len(counts)} tables.")


def register_commands(app):
    app.cli.add_command(create_user_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(set_password_command)
    app.cli.add_command(deactivate_user_command)
    app.cli.add_command(verify_audit_command)
    app.cli.add_command(audit_checkpoint_command)
    app.cli.add_command(audit_seal_legacy_command)
    app.cli.add_command(export_command)
    app.cli.add_command(import_command)
