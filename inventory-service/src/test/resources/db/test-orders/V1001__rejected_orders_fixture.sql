-- TEST ONLY: what order-service's V2 migration adds in production (the per-user guard and the
-- orders it refused). Inventory only reads them; the tests insert rows to stand for order-service.
ALTER TABLE orders.orders ADD COLUMN IF NOT EXISTS per_user_limit integer CHECK (per_user_limit >= 1);

CREATE UNIQUE INDEX IF NOT EXISTS orders_one_per_user ON orders.orders (sale_id, user_id) WHERE per_user_limit = 1;

CREATE TABLE IF NOT EXISTS orders.rejected_orders (
    order_id       uuid        PRIMARY KEY,
    sale_id        text        NOT NULL,
    user_id        text        NOT NULL,
    quantity       integer     NOT NULL CHECK (quantity > 0),
    seq            bigint      NOT NULL,
    accepted_at    timestamptz NOT NULL,
    rejected_at    timestamptz NOT NULL DEFAULT now(),
    reason         text        NOT NULL,
    per_user_limit integer
);

CREATE INDEX IF NOT EXISTS rejected_orders_sale_seq ON orders.rejected_orders (sale_id, seq);
