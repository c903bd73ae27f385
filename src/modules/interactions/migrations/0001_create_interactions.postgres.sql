-- Communications with customers and their channels (issue 5, COM-1..4).
-- customer_owner_id is the customer's owner when the record was written (data scope without
-- reaching into the customers tables); a later owner change is not reflected (TODO(#5)).
CREATE TABLE interaction_channels (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('phone', 'online', 'email', 'in_person', 'written', 'other')),
  enabled BIGINT NOT NULL DEFAULT 1,
  builtin BIGINT NOT NULL DEFAULT 0,
  created_at_ms BIGINT NOT NULL
);
INSERT INTO interaction_channels (name, kind, enabled, builtin, created_at_ms) VALUES
  ('电话', 'phone', 1, 1, 0),
  ('在线聊天', 'online', 1, 1, 0),
  ('电子邮件', 'email', 1, 1, 0),
  ('面谈', 'in_person', 1, 1, 0),
  ('书面', 'written', 1, 1, 0);

CREATE TABLE interactions (
  id BIGSERIAL PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  customer_owner_id BIGINT NOT NULL,
  at_ms BIGINT NOT NULL,
  channel_id BIGINT NOT NULL REFERENCES interaction_channels (id),
  subject TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  staff_id BIGINT NOT NULL,
  staff_name TEXT NOT NULL DEFAULT '',
  follow_up_on TEXT NULL,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);
CREATE INDEX interactions_customer_at ON interactions (customer_id, at_ms);
CREATE INDEX interactions_at ON interactions (at_ms, id);
CREATE INDEX interactions_owner ON interactions (customer_owner_id);
