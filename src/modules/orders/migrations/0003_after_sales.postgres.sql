-- After-sales requests (issue 6, SPEC ORD-5): returns, exchanges and refund-only requests.
-- status: requested -> approved | rejected; approved -> goods_received (return/exchange)
-- -> refunded (return, refund_only) | reshipped (exchange) -> closed.
-- refund_fen is what this request refunds; the sum over an order never exceeds orders.paid_fen
-- (checked in the service and held by orders.refunded_fen <= paid_fen).
CREATE TABLE after_sales (
  id BIGSERIAL PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  order_id BIGINT NOT NULL REFERENCES orders (id),
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  customer_owner_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('return', 'exchange', 'refund_only')),
  status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'goods_received',
                                         'refunded', 'reshipped', 'closed')),
  reason TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  photos TEXT NOT NULL DEFAULT '[]',
  requested_fen BIGINT NOT NULL DEFAULT 0 CHECK (requested_fen >= 0),
  refund_fen BIGINT NOT NULL DEFAULT 0 CHECK (refund_fen >= 0),
  restocked BIGINT NOT NULL DEFAULT 0,
  reship_carrier TEXT NOT NULL DEFAULT '',
  reship_tracking_number TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  created_by BIGINT,
  updated_at_ms BIGINT NOT NULL,
  closed_at_ms BIGINT
);
CREATE INDEX after_sales_order ON after_sales (order_id);
CREATE INDEX after_sales_customer ON after_sales (customer_id, id);
CREATE INDEX after_sales_status ON after_sales (status, id);

CREATE TABLE after_sale_items (
  after_sale_id BIGINT NOT NULL REFERENCES after_sales (id) ON DELETE CASCADE,
  order_item_id BIGINT NOT NULL REFERENCES order_items (id),
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (after_sale_id, order_item_id)
);

CREATE TABLE after_sale_events (
  id BIGSERIAL PRIMARY KEY,
  after_sale_id BIGINT NOT NULL REFERENCES after_sales (id) ON DELETE CASCADE,
  at_ms BIGINT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX after_sale_events_request ON after_sale_events (after_sale_id, id);

-- After-sales numbers: R + yyyymmdd + sequence per day.
CREATE TABLE after_sale_number_counters (
  day TEXT PRIMARY KEY,
  last_value BIGINT NOT NULL
);
