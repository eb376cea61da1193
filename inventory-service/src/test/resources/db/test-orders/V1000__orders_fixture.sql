-- TEST ONLY: the table order-service's own migration creates in production. Inventory only reads
-- it; the tests insert rows here to stand for persisted orders.
CREATE SCHEMA IF NOT EXISTS orders;

CREATE TABLE IF NOT EXISTS orders.orders (
    order_id        uuid        PRIMARY KEY,
    sale_id         text        NOT NULL,
    user_id         text        NOT NULL,
    quantity        integer     NOT NULL CHECK (quantity > 0),
    seq             bigint      NOT NULL,
    accepted_at     timestamptz NOT NULL,
    persisted_at    timestamptz NOT NULL DEFAULT now(),
    idempotency_key text
);

CREATE INDEX IF NOT EXISTS orders_sale_seq ON orders.orders (sale_id, seq);
CREATE INDEX IF NOT EXISTS orders_sale_user ON orders.orders (sale_id, user_id);
