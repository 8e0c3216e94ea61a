"""Safety incidents broadcast across the zone, acknowledged by each city they touch."""


def init_app(app):
    from tourism.core.audit import register_subject_check
    from tourism.demo import add_seeder
    from tourism.emergencies import api, narrative, permissions, service, views  # noqa: F401 (permissions declares the rules)
    from tourism.emergencies.demo import seed_incidents
    from tourism.setup import register_api

    narrative.register()
    app.register_blueprint(views.bp)
    register_api(app, api.blp)
    add_seeder(seed_incidents)
    register_subject_check("incidents", service.history_problems)
