-- Reservations whose orders the database refused (orders.rejected_orders, DESIGN.md §5): the units
-- they still held in the snapshot, a term of the drift formula (NULL where the run has no figures),
-- and how many of them the run gave back to Redis.
ALTER TABLE inventory.reconciliation_runs
    ADD COLUMN rejected bigint,
    ADD COLUMN returned integer NOT NULL DEFAULT 0;
