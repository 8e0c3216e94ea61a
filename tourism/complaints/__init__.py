"""Tourists' complaints in the zone's shared log: intake, jurisdiction, the handling workflow, outcomes."""


def init_app(app):
    from tourism.calendar.service import register_deadlines
    from tourism.complaints import api, narrative, permissions, service, views  # noqa: F401 (permissions declares the rules)
    from tourism.complaints.demo import seed_cases
    from tourism.core.audit import register_subject_check
    from tourism.core.sequences import register_used_numbers
    from tourism.demo import add_seeder
    from tourism.setup import register_api

    narrative.register()
    app.register_blueprint(views.bp)
    register_api(app, api.blp)
    add_seeder(seed_cases)
    register_subject_check("complaints", service.history_problems)
    register_used_numbers("complaints", service.used_tracking_numbers)
    register_deadlines("complaints", service.recompute_deadlines)
