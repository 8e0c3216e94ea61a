"""Property tests: for any dates, the licence-validity and suspension checks agree with their rules.

The ``app`` fixture only gives a request context for the messages; no database state is involved.
"""

from datetime import date, timedelta
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tourism.guides.eligibility import Eligibility, _check_status, _check_validity
from tourism.guides.recognition import uncovered_days

DAY0 = date(2026, 1, 1)
days = st.integers(min_value=0, max_value=1200).map(lambda n: DAY0 + timedelta(days=n))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(issued=days, length=st.integers(1, 1095), start=days, span=st.integers(0, 30))
def test_validity_passes_exactly_when_the_tour_lies_inside_the_licence(app, issued, length, start, span):
    guide = SimpleNamespace(issued_on=issued, expires_on=issued + timedelta(days=length))
    end = start + timedelta(days=span)
    result = Eligibility()
    with app.test_request_context():
        _check_validity(result, guide, start, end)
    assert result.checks[0].passed == (guide.issued_on <= start and end <= guide.expires_on)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=days, span=st.integers(0, 30), until=st.one_of(st.none(), days), status=st.sampled_from(
    ["active", "suspended", "revoked"]))
def test_a_suspension_blocks_exactly_the_tours_it_reaches(app, start, span, until, status):
    guide = SimpleNamespace(recorded_status=status, suspended_until=until)
    result = Eligibility()
    with app.test_request_context():
        _check_status(result, guide, start, start + timedelta(days=span))
    revoked, suspended = result.checks
    assert revoked.passed == (status != "revoked")
    assert suspended.passed == (status != "suspended" or (until is not None and until < start))


@settings(max_examples=200, deadline=None)
@given(home=st.sampled_from(["440100", "440600", "441800", "440200"]),
       city=st.sampled_from(["440100", "440300", "442000", "441800"]), start=days, span=st.integers(0, 10),
       role=st.sampled_from(["local", "escort"]))
def test_recognition_is_zone_membership_or_home_or_escort(home, city, start, span, role):
    zone = {"440100", "440300", "440400", "440600", "440700", "441200", "441300", "441900", "442000"}
    allowed = role == "escort" or home == city or (home in zone and city in zone)
    assert (uncovered_days(home, city, start, start + timedelta(days=span), role) == []) == allowed
