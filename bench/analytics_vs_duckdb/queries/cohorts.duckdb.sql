-- Monthly cohort retention matrix (docs/analytics.md, "Cohorts"): a customer's cohort is the month
-- (UTC+8, index year * 12 + month - 1) of their first counted order ever; cohorts from the month
-- of from are listed; cell k = distinct customers of the cohort with a counted order in the k-th
-- month after it, orders up to to; only non-empty cells. Dialect: duckdb.
WITH om AS (
  SELECT DISTINCT customer_id, mi FROM (SELECT customer_id, year(d) * 12 + month(d) - 1 AS mi FROM (SELECT customer_id, DATE '1970-01-01' + CAST((placed_at_ms + 28800000) // 86400000 AS INTEGER) AS d FROM orders WHERE status IN ('paid', 'picking', 'packed', 'shipped', 'delivered', 'completed') AND placed_at_ms < @TO_END_MS@) x) o
), f AS (
  SELECT customer_id, min(mi) AS c FROM om GROUP BY customer_id
)
SELECT f.c AS cohort, om.mi - f.c AS k, count(*) AS customers
FROM om JOIN f ON f.customer_id = om.customer_id
WHERE f.c >= @FROM_MONTH@
GROUP BY f.c, om.mi - f.c
