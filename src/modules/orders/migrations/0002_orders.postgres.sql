-- Orders, their lines, the transition log, tracking events, audit rules and customer credit
-- (issue 6, SPEC ORD-1..4). Money is in fen. The receiver's phone and address detail are sealed
-- like customer data (core/keyring.h). customer_owner_id mirrors the customer's owner for data
-- scope and is kept current by the orders participant (customers/customer_participants.h).
CREATE TABLE orders (
  id BIGSERIAL PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  platform TEXT NOT NULL DEFAULT 'manual',
  external_id TEXT,
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  customer_owner_id BIGINT NOT NULL,
  channel TEXT NOT NULL DEFAULT '',
  store TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('pending_audit', 'approved', 'paid', 'picking', 'packed',
                                         'shipped', 'delivered', 'completed', 'cancelled',
                                         'closed')),
  payment_method TEXT NOT NULL DEFAULT 'online' CHECK (payment_method IN ('online', 'cod')),
  items_fen BIGINT NOT NULL CHECK (items_fen >= 0),
  discount_fen BIGINT NOT NULL DEFAULT 0 CHECK (discount_fen >= 0),
  shipping_fee_fen BIGINT NOT NULL DEFAULT 0 CHECK (shipping_fee_fen >= 0),
  total_fen BIGINT NOT NULL CHECK (total_fen >= 0),
  paid_fen BIGINT NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  refunded_fen BIGINT NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= paid_fen),
  buyer_remarks TEXT NOT NULL DEFAULT '',
  receiver_name TEXT NOT NULL DEFAULT '',
  receiver_phone_cipher TEXT,
  receiver_province TEXT NOT NULL DEFAULT '',
  receiver_city TEXT NOT NULL DEFAULT '',
  receiver_district TEXT NOT NULL DEFAULT '',
  receiver_address_cipher TEXT,
  warehouse_id BIGINT REFERENCES warehouses (id),
  audit_reasons TEXT NOT NULL DEFAULT '[]',
  audit_note TEXT NOT NULL DEFAULT '',
  carrier TEXT NOT NULL DEFAULT '',
  tracking_number TEXT NOT NULL DEFAULT '',
  placed_at_ms BIGINT NOT NULL,
  approved_at_ms BIGINT,
  paid_at_ms BIGINT,
  shipped_at_ms BIGINT,
  delivered_at_ms BIGINT,
  completed_at_ms BIGINT,
  cancelled_at_ms BIGINT,
  receipt_reminded_at_ms BIGINT,
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  created_by BIGINT,
  updated_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX orders_external ON orders (platform, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX orders_customer ON orders (customer_id, placed_at_ms, id);
CREATE INDEX orders_placed ON orders (placed_at_ms, id);
CREATE INDEX orders_status ON orders (status, placed_at_ms, id);
CREATE INDEX orders_owner ON orders (customer_owner_id, placed_at_ms, id);
CREATE INDEX orders_tracking ON orders (tracking_number) WHERE tracking_number <> '';

-- One row per line. name, category_id and unit_cost_fen are copied from the product at intake so
-- reports and analytics keep the values of the day.
CREATE TABLE order_items (
  id BIGSERIAL PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no BIGINT NOT NULL,
  product_id BIGINT NOT NULL REFERENCES products (id),
  sku TEXT NOT NULL,
  name TEXT NOT NULL,
  category_id BIGINT,
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  unit_price_fen BIGINT NOT NULL CHECK (unit_price_fen >= 0),
  discount_fen BIGINT NOT NULL DEFAULT 0 CHECK (discount_fen >= 0),
  amount_fen BIGINT NOT NULL CHECK (amount_fen >= 0),
  unit_cost_fen BIGINT NOT NULL DEFAULT 0,
  returned_quantity BIGINT NOT NULL DEFAULT 0 CHECK (returned_quantity >= 0 AND returned_quantity <= quantity),
  UNIQUE (order_id, line_no)
);
CREATE INDEX order_items_product ON order_items (product_id, order_id);

-- Every transition: who moved the order from which status to which, when, and why.
CREATE TABLE order_events (
  id BIGSERIAL PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  at_ms BIGINT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX order_events_order ON order_events (order_id, id);

-- Carrier tracking, pushed by API or entered by staff.
CREATE TABLE order_tracking_events (
  id BIGSERIAL PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  at_ms BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'in_transit'
    CHECK (status IN ('collected', 'in_transit', 'out_for_delivery', 'delivered', 'exception')),
  location TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'staff' CHECK (source IN ('api', 'staff')),
  created_at_ms BIGINT NOT NULL
);
CREATE INDEX order_tracking_events_order ON order_tracking_events (order_id, at_ms, id);

-- Audit rules (ORD-2): which checks hold an order for staff, with their parameters (JSON).
-- rule: stock_available | credit_level (params {"min_level": n}) | amount_threshold
-- ({"max_total_fen": n}) | address_incomplete | blacklisted.
CREATE TABLE order_audit_rules (
  rule TEXT PRIMARY KEY,
  enabled BIGINT NOT NULL DEFAULT 1,
  params TEXT NOT NULL DEFAULT '{}',
  updated_at_ms BIGINT NOT NULL
);
INSERT INTO order_audit_rules (rule, enabled, params, updated_at_ms) VALUES
  ('stock_available', 1, '{}', 0),
  ('credit_level', 1, '{"min_level": 2}', 0),
  ('amount_threshold', 1, '{"max_total_fen": 5000000}', 0),
  ('address_incomplete', 1, '{}', 0),
  ('blacklisted', 1, '{}', 0);

-- A customer's credit level (1 lowest .. 5 highest, default 3) and blacklist flag, kept by the
-- orders module (the customer record itself stays the customers module's).
CREATE TABLE customer_credit (
  customer_id BIGINT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  credit_level BIGINT NOT NULL DEFAULT 3 CHECK (credit_level BETWEEN 1 AND 5),
  blacklisted BIGINT NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  updated_at_ms BIGINT NOT NULL,
  updated_by BIGINT
);

-- Order numbers: D + yyyymmdd (merchant day) + a 6-digit (or longer) sequence per day.
CREATE TABLE order_number_counters (
  day TEXT PRIMARY KEY,
  last_value BIGINT NOT NULL
);
