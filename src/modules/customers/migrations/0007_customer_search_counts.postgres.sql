-- See 0007_customer_search_counts.sql: the per-value live counters behind exact search totals are
-- kept by SQLite triggers only. On PostgreSQL a row trigger updating a few hot counter rows per
-- write would leave a row version per customer inside a large import (and serialise concurrent
-- writers on those rows), so there the tables stay empty and unread and list totals are COUNTed.
CREATE TABLE customer_value_counts (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  owner_id BIGINT NOT NULL,
  live BIGINT NOT NULL,
  PRIMARY KEY (kind, value, owner_id)
);
CREATE TABLE customer_area_counts (
  province TEXT NOT NULL,
  city TEXT NOT NULL,
  district TEXT NOT NULL,
  owner_id BIGINT NOT NULL,
  live BIGINT NOT NULL,
  PRIMARY KEY (province, city, district, owner_id)
);
CREATE TABLE customer_gram_area_counts (
  gram TEXT NOT NULL,
  province TEXT NOT NULL,
  city TEXT NOT NULL,
  district TEXT NOT NULL,
  live BIGINT NOT NULL,
  PRIMARY KEY (gram, province, city, district)
);
