--liquibase formatted sql

--changeset chatx:002-audit-event-occurrences
-- Repeated refusals from one address within an interval are stored as one row with their number.
ALTER TABLE audit_events ADD COLUMN occurrences integer NOT NULL DEFAULT 1;
