-- Consumption by month (docs/analytics.md, "Consumption"): per month (UTC+8) of [from, to], the
-- counted orders, distinct buyers and sales (total_fen); only months with orders. Dialect: postgres.
SELECT mi AS month, count(*) AS orders, count(DISTINCT customer_id) AS buyers, sum(total_fen) AS sales
FROM (SELECT customer_id, total_fen, CAST(extract(year FROM d) AS integer) * 12 + CAST(extract(month FROM d) AS integer) - 1 AS mi FROM (SELECT customer_id, total_fen, DATE '1970-01-01' + CAST((placed_at_ms + 28800000) / 86400000 AS integer) AS d FROM orders WHERE status IN ('paid', 'picking', 'packed', 'shipped', 'delivered', 'completed') AND placed_at_ms >= @FROM_MS@ AND placed_at_ms < @TO_END_MS@) x) o
GROUP BY mi
