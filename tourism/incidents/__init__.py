"""The joint complaint and incident log of the zone's cities and the province."""


def init_app(app):
    from tourism.core.audit import register_subject_check
    from tourism.core.sequences import register_used_numbers
    from tourism.demo import add_seeder
    from tourism.incidents import api, complaints, emergencies, permissions, views  # noqa: F401 (permissions declares the rules)
    from tourism.incidents.demo import seed_cases
    from tourism.setup import register_api

    app.register_blueprint(views.bp)
    register_api(app, api.blp)
    add_seeder(seed_cases)
    register_subject_check("complaints", complaints.history_problems)
    register_subject_check("incidents", emergencies.history_problems)
    register_used_numbers("complaints", complaints.used_tracking_numbers)
