"""The peer: the kiosk's autosave written as a typical in-house tool would write it.

Flask with the standard library's sqlite3, a connection per request, one durable transaction per
request, served by gunicorn's default sync workers. It takes the kiosk's JSON
(PUT /api/v1/attempt/answers with {"answers": [{"item", "value", "seq"}], "position", "clientTime"}),
looks the bearer token's SHA-256 up, stores each answer as an event and as the current value in the
kiosk's own tables, and answers {"ackSeq", "remainingMs", "serverTime", "state"}.

    python autosave.py create DATABASE ATTEMPTS    tables, attempts 1..N, tokens "bench-N"
    PEER_DATABASE=DATABASE gunicorn autosave:app   serve
"""
import datetime
import hashlib
import json
import os
import sqlite3
import sys
import time

from flask import Flask, g, jsonify, request

SCHEMA = """
CREATE TABLE attempt (id INTEGER PRIMARY KEY, position INTEGER NOT NULL DEFAULT 0, last_seen_at DATETIME);
CREATE TABLE access_token (hash TEXT PRIMARY KEY NOT NULL, attempt_id INTEGER NOT NULL REFERENCES attempt(id),
    created_at DATETIME NOT NULL, revoked_at DATETIME);
CREATE TABLE answer (attempt_id INTEGER NOT NULL REFERENCES attempt(id), variable TEXT NOT NULL,
    value TEXT NOT NULL, seq INTEGER NOT NULL, answered_at DATETIME NOT NULL,
    PRIMARY KEY (attempt_id, variable)) WITHOUT ROWID;
CREATE TABLE answer_event (id INTEGER PRIMARY KEY AUTOINCREMENT, attempt_id INTEGER NOT NULL REFERENCES attempt(id),
    seq INTEGER NOT NULL, variable TEXT NOT NULL, value TEXT NOT NULL, client_time DATETIME,
    server_time DATETIME NOT NULL, UNIQUE (attempt_id, seq));
"""

app = Flask(__name__)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def now_text():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(os.environ["PEER_DATABASE"], timeout=5)
        g.db.execute("PRAGMA synchronous = FULL")
    return g.db


@app.teardown_appcontext
def close_db(_error):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def error(status, code):
    return jsonify(error={"code": code}), status


@app.put("/api/v1/attempt/answers")
def save_answers():
    authorization = request.headers.get("Authorization", "")
    if not authorization.startswith("Bearer "):
        return error(401, "not_logged_in")
    db = get_db()
    row = db.execute(
        "SELECT attempt_id FROM access_token WHERE hash = ? AND revoked_at IS NULL",
        (token_hash(authorization[len("Bearer "):]),),
    ).fetchone()
    if row is None:
        return error(401, "not_logged_in")
    attempt_id = row[0]
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("answers"), list) or not body["answers"]:
        return error(400, "invalid_json")
    now = now_text()
    client_time = body.get("clientTime")
    if client_time is not None:
        client_time = datetime.datetime.fromtimestamp(client_time / 1000, datetime.timezone.utc).strftime(
            "%Y-%m-%d %H:%M:%S.%f")[:-3]
    for answer in body["answers"]:
        value = json.dumps(answer["value"], separators=(",", ":"))
        stored = db.execute(
            "INSERT INTO answer_event (attempt_id, seq, variable, value, client_time, server_time) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (attempt_id, seq) DO NOTHING",
            (attempt_id, answer["seq"], answer["item"], value, client_time, now),
        ).rowcount
        if stored:
            db.execute(
                "INSERT INTO answer (attempt_id, variable, value, seq, answered_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (attempt_id, variable) DO UPDATE SET value = excluded.value, seq = excluded.seq, "
                "answered_at = excluded.answered_at WHERE excluded.seq > answer.seq",
                (attempt_id, answer["item"], value, answer["seq"], now),
            )
    db.execute("UPDATE attempt SET position = ?, last_seen_at = ? WHERE id = ?",
               (body.get("position", 0), now, attempt_id))
    db.commit()
    return jsonify(ackSeq=max(answer["seq"] for answer in body["answers"]), remainingMs=3600000,
                   serverTime=int(time.time() * 1000), state="open")


def create(path, attempts):
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.executescript(SCHEMA)
    now = now_text()
    db.executemany("INSERT INTO attempt (id) VALUES (?)", [(n,) for n in range(1, attempts + 1)])
    db.executemany("INSERT INTO access_token (hash, attempt_id, created_at) VALUES (?, ?, ?)",
                   [(token_hash(f"bench-{n}"), n, now) for n in range(1, attempts + 1)])
    db.commit()
    db.close()


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "create":
        sys.exit(__doc__)
    create(sys.argv[2], int(sys.argv[3]))
