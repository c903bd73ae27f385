-- RFM per customer as of the reference day @TO_DAY@ (docs/analytics.md, "RFM"): counted orders
-- placed in [from, to] (UTC+8 days), R = to - day of the last one, F = their number, M = their
-- sales - refunds; scores 1..5 by the tie rule floor(r * 5 / n) + 1, r = values strictly smaller
-- (R scored on -R); fm = ceil((f + m) / 2). Dialect: postgres.
WITH c AS (
  SELECT customer_id,
         @TO_DAY@ - (max(placed_at_ms) + 28800000) / 86400000 AS r,
         count(*) AS f,
         sum(total_fen - refunded_fen) AS m
  FROM orders
  WHERE status IN ('paid', 'picking', 'packed', 'shipped', 'delivered', 'completed')
    AND placed_at_ms >= @FROM_MS@ AND placed_at_ms < @TO_END_MS@
  GROUP BY customer_id
), s AS (
  SELECT customer_id, r, f, m,
         (rank() OVER (ORDER BY r DESC) - 1) * 5 / count(*) OVER () + 1 AS r_score,
         (rank() OVER (ORDER BY f) - 1) * 5 / count(*) OVER () + 1 AS f_score,
         (rank() OVER (ORDER BY m) - 1) * 5 / count(*) OVER () + 1 AS m_score
  FROM c
)
SELECT customer_id, r, f, m, r_score, f_score, m_score, (f_score + m_score + 1) / 2 AS fm_score FROM s
