-- inventory-service reads this table (reconciliation), so its names and types are a contract.
-- seq is deliberately not unique: it orders a sale's reservations, the order id identifies them.
CREATE TABLE orders.orders (
  order_id        uuid PRIMARY KEY,
  sale_id         text        NOT NULL,
  user_id         text        NOT NULL,
  quantity        integer     NOT NULL CHECK (quantity > 0),
  seq             bigint      NOT NULL,
  accepted_at     timestamptz NOT NULL,
  persisted_at    timestamptz NOT NULL DEFAULT now(),
  idempotency_key text
);
CREATE INDEX orders_sale_seq  ON orders.orders (sale_id, seq);
CREATE INDEX orders_sale_user ON orders.orders (sale_id, user_id);
