-- Staff accounts, roles, sessions, captchas, API tokens and the login log (issue 3).
-- login_log is append-only: the triggers below make every UPDATE and DELETE fail.
CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  password_hash TEXT NOT NULL,
  password_changed_at_ms BIGINT NOT NULL,
  totp_secret TEXT,
  totp_enabled BIGINT NOT NULL DEFAULT 0,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  last_login_at_ms BIGINT
);
CREATE INDEX users_phone ON users (phone);
CREATE INDEX users_email ON users (email);

CREATE TABLE roles (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  builtin BIGINT NOT NULL DEFAULT 0,
  data_scope TEXT NOT NULL DEFAULT 'own' CHECK (data_scope IN ('own', 'department', 'all'))
);

CREATE TABLE role_permissions (
  role_id BIGINT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
  permission TEXT NOT NULL,
  PRIMARY KEY (role_id, permission)
);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_id BIGINT NOT NULL REFERENCES roles (id),
  PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role ON user_roles (role_id);

-- Permissions the built-in roles have already been offered, so that a default permission is
-- granted once and an administrator's later removal sticks.
CREATE TABLE seen_permissions (
  permission TEXT PRIMARY KEY
);

-- id is the SHA-256 hex of the cookie token; the token itself is never stored.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at_ms BIGINT NOT NULL,
  last_seen_at_ms BIGINT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- In the database so that every node of a cluster can check a captcha another node issued.
CREATE TABLE captchas (
  id TEXT PRIMARY KEY,
  answer_hash TEXT NOT NULL,
  expires_at_ms BIGINT NOT NULL,
  used BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE login_log (
  id BIGSERIAL PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  username TEXT NOT NULL,
  user_id BIGINT,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL
);
CREATE INDEX login_log_username ON login_log (username, at_ms);
CREATE INDEX login_log_ip ON login_log (ip, at_ms);

CREATE FUNCTION login_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'login_log is append-only';
END;
$$;

CREATE TRIGGER login_log_no_update_delete BEFORE UPDATE OR DELETE ON login_log
  FOR EACH ROW EXECUTE FUNCTION login_log_append_only();

CREATE TRIGGER login_log_no_truncate BEFORE TRUNCATE ON login_log
  FOR EACH STATEMENT EXECUTE FUNCTION login_log_append_only();

CREATE TABLE api_tokens (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  permissions TEXT NOT NULL DEFAULT '[]',
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at_ms BIGINT NOT NULL,
  last_used_at_ms BIGINT,
  revoked_at_ms BIGINT
);
