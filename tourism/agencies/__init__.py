"""Travel agencies, their branch offices (分社) and service outlets (服务网点), and the filing of both."""


def init_app(app):
    from tourism.accounts.service import register_scope
    from tourism.agencies import api, narrative, permissions, views  # noqa: F401 (permissions declares the rules)
    from tourism.agencies.demo import seed_agencies
    from tourism.agencies.enums import DepositKind
    from tourism.agencies.service import agency_scope, history_problems, recompute_deadlines, used_filing_numbers
    from tourism.calendar.service import register_deadlines
    from tourism.core.audit import register_subject_check
    from tourism.core.sequences import register_used_numbers
    from tourism.demo import add_seeder
    from tourism.setup import register_api

    narrative.register()
    app.register_blueprint(views.bp)
    register_api(app, api.blp)
    register_scope("agency", agency_scope)
    add_seeder(seed_agencies, seed_agencies.accounts)
    register_subject_check("agencies", history_problems)
    register_used_numbers("filings", used_filing_numbers)
    register_deadlines("filings", recompute_deadlines)
    app.jinja_env.globals["DepositKind"] = DepositKind
