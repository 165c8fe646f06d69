-- 0020: documents to customers (issue 19). When the office issues a document (a statement, a
-- stoppage notice, a price list) to a set of households, each household's delivery is one row:
-- stored whole (body: JSON of `Delivery`, the document's title and explanation inside) with
-- the columns the registers filter on, and published to its cluster through the change log
-- (the body read from this row). Never deleted.
CREATE TABLE document_deliveries (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL,
    cluster_id   TEXT NOT NULL REFERENCES clusters(id),
    unit_id      TEXT NOT NULL,
    date         TEXT NOT NULL,
    state        TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    body         TEXT NOT NULL,
    UNIQUE (document_id, unit_id)
) STRICT;
CREATE INDEX document_deliveries_by_unit ON document_deliveries(unit_id, date);
