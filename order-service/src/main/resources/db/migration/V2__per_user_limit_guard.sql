-- The database-level per-user guard (DESIGN.md §5). inventory-service reads both tables, so their
-- names and types are a contract.

-- The sale's limit as the reserve script wrote it into the event; NULL for events from before it.
ALTER TABLE orders.orders ADD COLUMN per_user_limit integer CHECK (per_user_limit >= 1);

-- The backstop: one order per user and sale where the limit is 1, whatever the writer's check missed.
-- Existing rows have no limit, so none of them is in the index.
CREATE UNIQUE INDEX orders_one_per_user ON orders.orders (sale_id, user_id) WHERE per_user_limit = 1;

-- Orders the database refused. Their units are still reserved in Redis until inventory-service's
-- reconciliation gives them back; an order id is in at most one of the two tables.
CREATE TABLE orders.rejected_orders (
  order_id       uuid PRIMARY KEY,
  sale_id        text        NOT NULL,
  user_id        text        NOT NULL,
  quantity       integer     NOT NULL CHECK (quantity > 0),
  seq            bigint      NOT NULL,
  accepted_at    timestamptz NOT NULL,
  rejected_at    timestamptz NOT NULL DEFAULT now(),
  reason         text        NOT NULL,
  per_user_limit integer
);
-- By sale, then seq: the listing pages through a sale's rejections in seq order.
CREATE INDEX rejected_orders_sale_seq ON orders.rejected_orders (sale_id, seq);
