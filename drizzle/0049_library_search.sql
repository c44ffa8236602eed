-- Issue 12, OPAC at a million records (ADR 017 addendum): a search matching a large share of the
-- catalogue ranks the most recent matches, found by walking this index in the results' tie-break
-- order (year, newest first, then id) and stopping after a bounded number of matches.
CREATE INDEX IF NOT EXISTS "library_records_year_idx" ON "library_records" ("year" DESC NULLS LAST, "id");
