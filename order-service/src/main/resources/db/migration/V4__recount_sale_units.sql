-- V3 filled orders.sale_units from orders.orders before it created the triggers that keep it, without
-- holding writers off: a row another order-service committed between the two (a rolling deploy, the old
-- replica still consuming) was never counted, and the total guard would let that many units too many
-- through. Count again, with writers held off this time: SHARE ROW EXCLUSIVE waits for the writers already
-- running and holds new ones until this migration commits; from then on the triggers keep the count.
-- It sets each sale's count to what orders.orders holds, so it is safe to run again at any time.
LOCK TABLE orders.orders IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO orders.sale_units AS s (sale_id, units)
SELECT sale_id, sum(quantity) FROM orders.orders GROUP BY sale_id
ON CONFLICT (sale_id) DO UPDATE SET units = EXCLUDED.units;

UPDATE orders.sale_units s SET units = 0
WHERE units <> 0 AND NOT EXISTS (SELECT 1 FROM orders.orders o WHERE o.sale_id = s.sale_id);
