"""One way to cut a list into pages, for the API and the pages alike: ``page`` from 1, ``per_page``, ``total``."""

import math
from dataclasses import dataclass

from marshmallow import Schema, fields, validate
from sqlalchemy import func, select

MAX_PAGE = 100_000
MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 20


@dataclass(frozen=True)
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(session, query, page: int = 1, per_page: int = DEFAULT_PER_PAGE, rows: bool = False) -> Page:
    """One page of ``query`` and the count of all its rows; ``rows`` for queries of several entities."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    limited = query.limit(per_page).offset((page - 1) * per_page)
    items = session.execute(limited).all() if rows else session.scalars(limited).all()
    return Page(list(items), page, per_page, total or 0)


def page_from_args(args, default_per_page: int = DEFAULT_PER_PAGE) -> tuple[int, int]:
    """``page`` and ``per_page`` from a page's query string, kept within bounds (a huge number is the last page)."""
    page = args.get("page", 1, type=int) or 1
    per_page = args.get("per_page", default_per_page, type=int) or default_per_page
    return min(max(page, 1), MAX_PAGE), min(max(per_page, 1), MAX_PER_PAGE)


class PageArgsSchema(Schema):
    """The paging arguments every list endpoint takes."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    per_page = fields.Integer(load_default=DEFAULT_PER_PAGE, validate=validate.Range(min=1, max=MAX_PER_PAGE))


class PageSchema(Schema):
    """The envelope of every list answer: ``items`` (added per list), ``page``, ``per_page``, ``total``."""

    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


def list_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """The list envelope around ``item_schema``."""
    return type(name, (PageSchema,), {"items": fields.List(fields.Nested(item_schema))})


def page_of(items: list, page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> Page:
    """One page of a list already in hand (ordered by a rule the database cannot sort by)."""
    start = (page - 1) * per_page
    return Page(items[start:start + per_page], page, per_page, len(items))
