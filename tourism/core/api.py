"""The JSON API under /api/v1, built on flask-smorest with the project's error shape."""

from http import HTTPStatus

from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint as SmorestBlueprint
from werkzeug.routing import IntegerConverter

from tourism.core.errors import ErrorSchema

API_PREFIX = "/api/v1"


class Api(SmorestApi):
    """flask-smorest's Api, documenting our error shape and leaving errors to our handlers."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        # tourism.core.errors registers one handler for API and pages alike.
        pass


class Blueprint(SmorestBlueprint):
    """An API blueprint whose routes live under /api/v1."""

    def __init__(self, name, import_name, url_prefix="", **kwargs):
        super().__init__(name, import_name, url_prefix=API_PREFIX + url_prefix, **kwargs)

    def errors(self, *statuses: int):
        """Document the error responses a route can give, all in the one error shape."""

        def decorate(view):
            for status in statuses:
                view = self.alt_response(status, schema=ErrorSchema, description=HTTPStatus(status).phrase)(view)
            return view

        return decorate


class RowIdConverter(IntegerConverter):
    """``<int:...>`` in every route: a positive id that fits the database's integer, else 404 (not a 500)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def row_id_schema(converter):
    return {"type": "integer", "minimum": converter.min, "maximum": converter.max}
