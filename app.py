"""Entry point: ``flask --app app run`` (and every ``flask --app app ...`` command)."""

from tourism import create_app

app = create_app()
