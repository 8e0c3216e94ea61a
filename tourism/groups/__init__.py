"""Tour groups across the zone: the filing with its checks, receiving agencies, the electronic itinerary sheet,
and each city's view of the groups in it."""


def init_app(app):
    from tourism.core.sequences import register_used_numbers
    from tourism.demo import add_seeder
    from tourism.groups import api, narrative, permissions, service, views  # noqa: F401 (permissions declares the rules)
    from tourism.groups.demo import seed_groups
    from tourism.setup import register_api

    narrative.register()
    app.register_blueprint(views.bp)
    register_api(app, api.blp)
    add_seeder(seed_groups)
    app.jinja_env.globals.update(place_name=service.place_name)
    register_used_numbers("groups", service.used_group_numbers)
