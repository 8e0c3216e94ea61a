"""Guide licences, affiliations, status, cross-city eligibility, credentials for inspectors."""


def init_app(app):
    from tourism.accounts.service import register_scope
    from tourism.core.audit import register_subject_check
    from tourism.demo import add_seeder
    from tourism.guides import api, narrative, permissions, views  # noqa: F401 (permissions declares the rules)
    from tourism.guides.demo import seed_guides
    from tourism.guides.service import guide_scope, history_problems
    from tourism.setup import register_api

    narrative.register()
    app.register_blueprint(views.bp)
    register_api(app, api.blp)
    register_scope("guide", guide_scope)
    add_seeder(seed_guides, seed_guides.accounts)
    register_subject_check("guides", history_problems)
