-- Consumption by month (docs/analytics.md, "Consumption"): per month (UTC+8) of [from, to], the
-- counted orders, distinct buyers and sales (total_fen); only months with orders. Dialect: sqlite.
SELECT mi AS month, count(*) AS orders, count(DISTINCT customer_id) AS buyers, sum(total_fen) AS sales
FROM (SELECT customer_id, total_fen, CAST(strftime('%Y', (placed_at_ms + 28800000) / 1000, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', (placed_at_ms + 28800000) / 1000, 'unixepoch') AS INTEGER) - 1 AS mi FROM orders WHERE status IN ('paid', 'picking', 'packed', 'shipped', 'delivered', 'completed') AND placed_at_ms >= @FROM_MS@ AND placed_at_ms < @TO_END_MS@) o
GROUP BY mi
