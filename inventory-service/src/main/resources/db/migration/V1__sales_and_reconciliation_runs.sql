-- The sales this service owns. RECOVERING never appears here: it lives only in Redis while a
-- rebuild runs, and the rebuild restores Redis from this column.
CREATE TABLE inventory.sales (
    id             text        PRIMARY KEY,
    name           text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    total_stock    integer     NOT NULL CHECK (total_stock BETWEEN 1 AND 10000000),
    per_user_limit integer     NOT NULL CHECK (per_user_limit >= 1),
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    state          text        NOT NULL CHECK (state IN ('ACTIVE', 'PAUSED', 'ENDED')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (per_user_limit <= total_stock),
    CHECK (ends_at > starts_at)
);

-- One row per sale per reconciliation run. Figures a run could not establish (a rebuild still
-- waiting for the pipeline to drain, a failed run) are NULL.
CREATE TABLE inventory.reconciliation_runs (
    id              bigserial   PRIMARY KEY,
    sale_id         text        NOT NULL REFERENCES inventory.sales (id),
    at              timestamptz NOT NULL,
    total           integer     NOT NULL,
    redis_available bigint,
    redis_seq       bigint,
    pending         bigint,
    persisted       bigint,
    drift           bigint,
    pruned          integer     NOT NULL DEFAULT 0,
    republished     integer     NOT NULL DEFAULT 0,
    action          text        NOT NULL,
    detail          text,
    duration_ms     bigint      NOT NULL
);

CREATE INDEX reconciliation_runs_sale_at ON inventory.reconciliation_runs (sale_id, at DESC);
