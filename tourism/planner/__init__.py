"""The Lingnan itinerary planner: the place catalogue, travel times, and the orienteering search."""


def init_app(app):
    from tourism.planner import api, views, worker
    from tourism.setup import register_api

    app.register_blueprint(views.bp)
    register_api(app, api.blp)
    app.cli.add_command(worker.planner_worker_command)
