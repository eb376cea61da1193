-- The database-level total guard (docs/design.md §5.3): never more units of a sale in orders.orders
-- than its total, whatever Redis forgot (a failover that lost the replica's last writes offers those
-- units again).

-- Units persisted per sale, kept by the triggers below whoever writes orders.orders. order-service locks
-- a sale's row before it decides a batch, so two writers of one sale decide one after the other.
CREATE TABLE orders.sale_units (
  sale_id text   PRIMARY KEY,
  units   bigint NOT NULL CHECK (units >= 0)
);

INSERT INTO orders.sale_units (sale_id, units)
SELECT sale_id, sum(quantity) FROM orders.orders GROUP BY sale_id;

CREATE FUNCTION orders.count_inserted_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO orders.sale_units AS s (sale_id, units)
  SELECT sale_id, sum(quantity) FROM inserted GROUP BY sale_id ORDER BY sale_id
  ON CONFLICT (sale_id) DO UPDATE SET units = s.units + EXCLUDED.units;
  RETURN NULL;
END $$;

CREATE FUNCTION orders.count_deleted_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orders.sale_units s SET units = s.units - d.units
  FROM (SELECT sale_id, sum(quantity) AS units FROM deleted GROUP BY sale_id) d
  WHERE s.sale_id = d.sale_id;
  RETURN NULL;
END $$;

CREATE TRIGGER orders_count_inserted AFTER INSERT ON orders.orders
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION orders.count_inserted_units();
CREATE TRIGGER orders_count_deleted AFTER DELETE ON orders.orders
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION orders.count_deleted_units();
