"""Reference data: Guangdong's cities and the zones their agreements create."""


def init_app(app):
    from tourism.setup import register_api
    from tourism.zone.api import blp

    register_api(app, blp)
