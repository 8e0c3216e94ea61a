"""The working-day calendar: statutory holidays, the State Council's yearly notices, and deadlines counted on them."""


def init_app(app):
    from flask_babel import gettext as _

    from tourism.calendar import api, models, service  # noqa: F401 (models: the table)
    from tourism.calendar.cli import calendar_cli
    from tourism.core.history import tell
    from tourism.core.observability import register_health_warning
    from tourism.extensions import db
    from tourism.setup import register_api

    tell("notice_loaded", lambda d: _("loaded the State Council's holiday notice (%(source)s)", source=d.get("source")))
    register_api(app, api.blp)
    app.cli.add_command(calendar_cli)
    register_health_warning("calendar", lambda: service.missing_next_year(service.work_calendar(db.session)))
