"""The Pearl River Delta barrier-free tourism zone: registries, planner and joint log."""

import importlib
from pathlib import Path

from flask import Flask

from tourism.config import load_config
from tourism.core.api import RowIdConverter

ROOT = Path(__file__).resolve().parent.parent

# Each domain package exposes ``init_app(app)`` registering its views, API, rules and commands.
DOMAINS = (
    "tourism.web",
    "tourism.accounts",
    "tourism.zone",
    "tourism.calendar",
    "tourism.agencies",
    "tourism.guides",
    "tourism.planner",
    "tourism.groups",
    "tourism.complaints",
    "tourism.emergencies",
    "tourism.inspections",
)


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=instance_path or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.url_map.converters["int"] = RowIdConverter
    app.config.from_mapping(load_config(Path(app.instance_path)))
    if test_config:
        app.config.update(test_config)

    from tourism import setup

    setup.init_extensions(app)
    for name in DOMAINS:
        importlib.import_module(name).init_app(app)
    setup.init_cli(app)
    return app
