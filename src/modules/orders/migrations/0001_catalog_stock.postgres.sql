-- Products (SKUs), their categories, warehouses, stock per warehouse and the stock ledger
-- (issue 6, SPEC ORD-6). Stock never goes negative: the CHECKs hold it at the database and every
-- change is one guarded UPDATE plus one ledger row in the same transaction.
CREATE TABLE product_categories (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  sort_order BIGINT NOT NULL DEFAULT 0,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

CREATE TABLE products (
  id BIGSERIAL PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  category_id BIGINT REFERENCES product_categories (id),
  price_fen BIGINT NOT NULL CHECK (price_fen >= 0),
  cost_fen BIGINT NOT NULL DEFAULT 0 CHECK (cost_fen >= 0),
  barcode TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  version BIGINT NOT NULL DEFAULT 1,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);
CREATE INDEX products_category ON products (category_id, id);
CREATE INDEX products_name ON products (name, id);
CREATE INDEX products_barcode ON products (barcode) WHERE barcode <> '';

CREATE TABLE warehouses (
  id BIGSERIAL PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  enabled BIGINT NOT NULL DEFAULT 1,
  is_default BIGINT NOT NULL DEFAULT 0,
  created_at_ms BIGINT NOT NULL,
  updated_at_ms BIGINT NOT NULL
);

-- available = on_hand - reserved.
CREATE TABLE stock (
  product_id BIGINT NOT NULL REFERENCES products (id),
  warehouse_id BIGINT NOT NULL REFERENCES warehouses (id),
  on_hand BIGINT NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
  low_stock_threshold BIGINT NOT NULL DEFAULT 10 CHECK (low_stock_threshold >= 0),
  updated_at_ms BIGINT NOT NULL,
  PRIMARY KEY (product_id, warehouse_id)
);
CREATE INDEX stock_warehouse ON stock (warehouse_id, product_id);

-- Append-only ledger: one row per change of on_hand or reserved.
-- kind: in (receipt, restock of a return), out (shipped), reserve / release (for an order),
-- adjust (stocktake; quantity may be negative).
CREATE TABLE stock_movements (
  id BIGSERIAL PRIMARY KEY,
  product_id BIGINT NOT NULL REFERENCES products (id),
  warehouse_id BIGINT NOT NULL REFERENCES warehouses (id),
  kind TEXT NOT NULL CHECK (kind IN ('in', 'out', 'reserve', 'release', 'adjust')),
  quantity BIGINT NOT NULL,
  on_hand_after BIGINT NOT NULL,
  reserved_after BIGINT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  order_id BIGINT,
  after_sale_id BIGINT,
  actor_id BIGINT,
  at_ms BIGINT NOT NULL
);
CREATE INDEX stock_movements_product ON stock_movements (product_id, warehouse_id, id);
CREATE INDEX stock_movements_order ON stock_movements (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX stock_movements_at ON stock_movements (at_ms, id);
