"""The joint complaint and incident log of the zone's cities and the province."""


def init_app(app):
    from tourism.demo import add_seeder
    from tourism.incidents import api, permissions, views  # noqa: F401 (permissions declares the rules)
    from tourism.incidents.demo import seed_cases
    from tourism.setup import register_api

    app.register_blueprint(views.bp)
    register_api(app, api.blp)
    add_seeder(seed_cases)
