"""User accounts, roles, sessions for the web and bearer tokens for the API."""


def init_app(app):
    from tourism.accounts import api, service, views
    from tourism.core.history import name_actors
    from tourism.setup import register_api

    name_actors(service.display_names)
    app.register_blueprint(views.bp)
    register_api(app, api.blp)
