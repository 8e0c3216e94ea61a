"""Site-wide pages: the home page, the language switch, the API docs page."""


def init_app(app):
    from tourism.web.views import bp

    app.register_blueprint(bp)
