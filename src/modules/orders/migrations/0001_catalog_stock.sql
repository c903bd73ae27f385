-- Products (SKUs), their categories, warehouses, stock per warehouse and the stock ledger
-- (issue 6, SPEC ORD-6). Stock never goes negative: the CHECKs hold it at the database and every
-- change is one guarded UPDATE plus one ledger row in the same transaction.
CREATE TABLE product_categories (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);

CREATE TABLE products (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  category_id INTEGER REFERENCES product_categories (id),
  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
  cost_fen INTEGER NOT NULL DEFAULT 0 CHECK (cost_fen >= 0),
  barcode TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  version INTEGER NOT NULL DEFAULT 1,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX products_category ON products (category_id, id);
CREATE INDEX products_name ON products (name, id);
CREATE INDEX products_barcode ON products (barcode) WHERE barcode <> '';

CREATE TABLE warehouses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);

-- available = on_hand - reserved.
CREATE TABLE stock (
  product_id INTEGER NOT NULL REFERENCES products (id),
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
  on_hand INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
  low_stock_threshold INTEGER NOT NULL DEFAULT 10 CHECK (low_stock_threshold >= 0),
  updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (product_id, warehouse_id)
);
CREATE INDEX stock_warehouse ON stock (warehouse_id, product_id);

-- Append-only ledger: one row per change of on_hand or reserved.
-- kind: in (receipt, restock of a return), out (shipped), reserve / release (for an order),
-- adjust (stocktake; quantity may be negative).
CREATE TABLE stock_movements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  product_id INTEGER NOT NULL REFERENCES products (id),
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
  kind TEXT NOT NULL CHECK (kind IN ('in', 'out', 'reserve', 'release', 'adjust')),
  quantity INTEGER NOT NULL,
  on_hand_after INTEGER NOT NULL,
  reserved_after INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  order_id INTEGER,
  after_sale_id INTEGER,
  actor_id INTEGER,
  at_ms INTEGER NOT NULL
);
CREATE INDEX stock_movements_product ON stock_movements (product_id, warehouse_id, id);
CREATE INDEX stock_movements_order ON stock_movements (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX stock_movements_at ON stock_movements (at_ms, id);
