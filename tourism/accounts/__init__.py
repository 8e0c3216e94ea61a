"""User accounts, roles, sessions for the web and bearer tokens for the API."""


def init_app(app):
    from tourism.accounts import api, views
    from tourism.setup import register_api

    app.register_blueprint(views.bp)
    register_api(app, api.blp)
