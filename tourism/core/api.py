"""The JSON API under /api/v1, built on flask-smorest with the project's error shape."""

from http import HTTPStatus

from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint as SmorestBlueprint

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
