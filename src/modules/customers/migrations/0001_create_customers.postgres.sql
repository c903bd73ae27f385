-- Customers, their tags, categories, change history and number counters (issue 5).
-- Phone, email, ID number and address detail are stored only sealed (*_cipher, see
-- core/keyring.h) with a keyed blind index (*_index) for exact search and uniqueness.
CREATE TABLE customers (
  id BIGSERIAL PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  gender TEXT NOT NULL DEFAULT 'unknown' CHECK (gender IN ('male', 'female', 'unknown')),
  birthday TEXT,
  phone_cipher TEXT,
  phone_index TEXT,
  email_cipher TEXT,
  email_index TEXT,
  id_number_cipher TEXT,
  id_number_index TEXT,
  province TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL DEFAULT '',
  address_cipher TEXT,
  source_channel TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL DEFAULT 'potential' CHECK (stage IN ('potential', 'transacted', 'member')),
  owner_id BIGINT NOT NULL,
  hobbies TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  consent_sms BIGINT NOT NULL DEFAULT 0,
  consent_email BIGINT NOT NULL DEFAULT 0,
  consent_phone BIGINT NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  updated_by BIGINT NOT NULL,
  deleted_at_ms BIGINT,
  deleted_by BIGINT
);
CREATE UNIQUE INDEX customers_phone_index ON customers (phone_index) WHERE phone_index IS NOT NULL;
CREATE UNIQUE INDEX customers_email_index ON customers (email_index) WHERE email_index IS NOT NULL;
CREATE INDEX customers_id_number ON customers (id_number_index);
CREATE INDEX customers_created ON customers (created_at_ms, id);
CREATE INDEX customers_updated ON customers (updated_at_ms, id);
CREATE INDEX customers_name ON customers (name_lower, id);
CREATE INDEX customers_owner ON customers (owner_id);
CREATE INDEX customers_deleted ON customers (deleted_at_ms);

CREATE TABLE customer_tags (
  customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (customer_id, tag)
);
CREATE INDEX customer_tags_tag ON customer_tags (tag, customer_id);

CREATE TABLE customer_categories (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

CREATE TABLE customer_category_members (
  category_id BIGINT NOT NULL REFERENCES customer_categories (id),
  customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  PRIMARY KEY (category_id, customer_id)
);
CREATE INDEX customer_category_members_customer ON customer_category_members (customer_id);

-- Kept after a customer is erased (no foreign key): who changed what, personal values as "***".
CREATE TABLE customer_history (
  id BIGSERIAL PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  at_ms BIGINT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  changes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX customer_history_customer ON customer_history (customer_id, id);

-- Customer numbers C + yyyymmdd (merchant day, UTC+8) + a 6-digit sequence per day.
CREATE TABLE customer_number_counters (
  day TEXT PRIMARY KEY,
  last_value BIGINT NOT NULL
);
