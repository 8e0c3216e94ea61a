"""Inspections of tour groups by the cities on their route; findings can open a case."""


def init_app(app):
    from tourism.demo import add_seeder
    from tourism.inspections import api, narrative, views
    from tourism.inspections.demo import seed_inspections
    from tourism.setup import register_api

    narrative.register()
    add_seeder(seed_inspections)
    app.register_blueprint(views.bp)
    register_api(app, api.blp)
