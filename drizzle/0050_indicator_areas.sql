-- Issue 11 (ADR 026): the dashboards' area filter lists the areas that have published values.
-- A DISTINCT over every observation read all of them (80,000 at the bench's size: ~19 ms, ~60 ms
-- loaded) on the first view after each publication; this index lets it step from one area to
-- the next (one probe per area).
CREATE INDEX IF NOT EXISTS "indicator_observations_area_pub_idx" ON "indicator_observations" ("area_code") WHERE "status" = 'published' AND "area_code" IS NOT NULL;
