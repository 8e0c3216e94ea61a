"""Request ids, JSON logs, the health check."""

import json
import logging

from tourism.core.observability import JsonFormatter, RequestIdFilter


def test_every_response_carries_a_request_id(client):
    generated = client.get("/").headers["X-Request-ID"]
    assert len(generated) == 32
    given = client.get("/", headers={"X-Request-ID": "lb-1234abcd"}).headers["X-Request-ID"]
    assert given == "lb-1234abcd"
    assert client.get("/", headers={"X-Request-ID": "bad id!"}).headers["X-Request-ID"] != "bad id!"


def test_health_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["database"] == "ok"
    assert response.json["redis"] == "not configured"


def test_health_fails_when_redis_is_unreachable(app, client):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json["redis"].startswith("error")


def test_json_logs_name_the_request(app, client, caplog):
    app.config["LOG_FORMAT"] = "json"
    with caplog.at_level(logging.INFO, logger="tourism.requests"):
        client.get("/api/v1/ping", headers={"X-Request-ID": "trace-000001"})
    record = next(r for r in caplog.records if r.name == "tourism.requests")
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "trace-000001" and line["status"] == 200 and line["path"] == "/api/v1/ping"
