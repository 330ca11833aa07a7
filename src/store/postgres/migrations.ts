/**
 * PostgreSQL schema migrations, applied in order at start-up; the `schema_version` table records the
 * last one. The same tables as SQLite (times as ISO text, so both stores sort and compare alike).
 * Never edit a released migration: add a new one.
 */
export const PG_MIGRATIONS: readonly string[] = [
  // 1: conversations, ratings, handoffs, staff sessions, audit
  `
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
  );
  CREATE INDEX sessions_last_seen ON sessions(last_seen_at);
  CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('citizen','bot','staff','system')),
    name TEXT,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX messages_session ON messages(session_id, id);
  CREATE TABLE answers (
    seq BIGSERIAL,
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    grounded BOOLEAN NOT NULL,
    sources JSONB NOT NULL,
    top_doc TEXT,
    composer TEXT,
    total_ms DOUBLE PRECISION,
    created_at TEXT NOT NULL
  );
  CREATE INDEX answers_session ON answers(session_id, created_at);
  CREATE INDEX answers_created ON answers(created_at);
  CREATE TABLE feedback (
    id BIGSERIAL PRIMARY KEY,
    answer_id TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    rating TEXT NOT NULL CHECK (rating IN ('up','down')),
    comment TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX feedback_created ON feedback(created_at);
  CREATE TABLE surveys (
    id BIGSERIAL PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX surveys_created ON surveys(created_at);
  CREATE TABLE handoffs (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('waiting','taken','closed')),
    reason TEXT,
    created_at TEXT NOT NULL,
    taken_at TEXT,
    taken_by TEXT,
    closed_at TEXT,
    closed_by TEXT,
    callback_phone TEXT,
    callback_at TEXT,
    callback_done_at TEXT
  );
  CREATE INDEX handoffs_state ON handoffs(state, created_at);
  CREATE INDEX handoffs_session ON handoffs(session_id);
  CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    csrf TEXT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
  );
  `,
  // 2: the feedback queue (góp ý, phản ánh, comments, call-backs) with tracking codes
  `
  CREATE TABLE feedback_items (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('suggestion','complaint','rating','survey','callback')),
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','in_progress','answered')),
    text TEXT NOT NULL,
    contact TEXT,
    session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
    answer_id TEXT REFERENCES answers(id) ON DELETE SET NULL,
    handoff_id TEXT REFERENCES handoffs(id) ON DELETE SET NULL,
    score INTEGER CHECK (score BETWEEN 1 AND 5),
    assignee TEXT,
    created_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    reply TEXT,
    answered_at TEXT,
    answered_by TEXT
  );
  CREATE INDEX feedback_items_status ON feedback_items(status, due_at);
  CREATE INDEX feedback_items_created ON feedback_items(created_at);
  `,
  // 3: canned replies for the desk
  `
  CREATE TABLE canned_replies (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
  );
  `,
  // 4: events between instances too large for a NOTIFY payload (the NOTIFY carries the row id)
  `
  CREATE TABLE cluster_events (
    id BIGSERIAL PRIMARY KEY,
    payload TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
  );
  `,
  // 5: staff messages delivered later (store-and-forward), retention by message age, a write probe for /ready
  `
  ALTER TABLE messages ADD COLUMN delivered_at TEXT;
  UPDATE messages SET delivered_at = created_at WHERE role = 'staff';
  CREATE INDEX messages_undelivered ON messages(session_id, id) WHERE role = 'staff' AND delivered_at IS NULL;
  CREATE INDEX messages_created ON messages(created_at);
  CREATE INDEX handoffs_callbacks ON handoffs(session_id, callback_phone) WHERE callback_phone IS NOT NULL AND callback_done_at IS NULL;
  CREATE TABLE store_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL);
  `,
  // 6: failed staff logins per name (a hash of it), for the lock-out shared by every instance
  `
  CREATE TABLE login_failures (
    name_hash TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    last_at BIGINT NOT NULL
  );
  CREATE INDEX login_failures_last ON login_failures(last_at);
  `,
  // 7: rate-limit windows shared by every instance (UNLOGGED: counters need no crash safety, and skip the WAL)
  `
  CREATE UNLOGGED TABLE rate_limits (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    reset_at BIGINT NOT NULL
  );
  CREATE INDEX rate_limits_reset ON rate_limits(reset_at);
  `,
  // 8: instances alive and the citizen sockets each has open (the desk's "online" across instances)
  `
  CREATE TABLE cluster_instances (
    id TEXT PRIMARY KEY,
    seen_at BIGINT NOT NULL
  );
  CREATE TABLE citizen_presence (
    session_id TEXT NOT NULL,
    instance_id TEXT NOT NULL REFERENCES cluster_instances(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, instance_id)
  );
  CREATE INDEX citizen_presence_instance ON citizen_presence(instance_id);
  `,
];
