-- Staff accounts, roles, sessions, captchas, API tokens and the login log (issue 3).
-- login_log is append-only: the triggers below make every UPDATE and DELETE fail.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  password_hash TEXT NOT NULL,
  password_changed_at_ms INTEGER NOT NULL,
  totp_secret TEXT,
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  last_login_at_ms INTEGER
) STRICT;
CREATE INDEX users_phone ON users (phone);
CREATE INDEX users_email ON users (email);

CREATE TABLE roles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0,
  data_scope TEXT NOT NULL DEFAULT 'own' CHECK (data_scope IN ('own', 'department', 'all'))
) STRICT;

CREATE TABLE role_permissions (
  role_id INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  permission TEXT NOT NULL,
  PRIMARY KEY (role_id, permission)
) STRICT;

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id INTEGER NOT NULL REFERENCES roles (id),
  PRIMARY KEY (user_id, role_id)
) STRICT;
CREATE INDEX user_roles_role ON user_roles (role_id);

-- Permissions the built-in roles have already been offered, so that a default permission is
-- granted once and an administrator's later removal sticks.
CREATE TABLE seen_permissions (
  permission TEXT PRIMARY KEY
) STRICT;

-- id is the SHA-256 hex of the cookie token; the token itself is never stored.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  last_seen_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

-- In the database so that every node of a cluster can check a captcha another node issued.
CREATE TABLE captchas (
  id TEXT PRIMARY KEY,
  answer_hash TEXT NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE login_log (
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  username TEXT NOT NULL,
  user_id INTEGER,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL
) STRICT;
CREATE INDEX login_log_username ON login_log (username, at_ms);
CREATE INDEX login_log_ip ON login_log (ip, at_ms);

CREATE TRIGGER login_log_no_update BEFORE UPDATE ON login_log
BEGIN
  SELECT RAISE(ABORT, 'login_log is append-only');
END;

CREATE TRIGGER login_log_no_delete BEFORE DELETE ON login_log
BEGIN
  SELECT RAISE(ABORT, 'login_log is append-only');
END;

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  permissions TEXT NOT NULL DEFAULT '[]',
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at_ms INTEGER NOT NULL,
  last_used_at_ms INTEGER,
  revoked_at_ms INTEGER
) STRICT;
