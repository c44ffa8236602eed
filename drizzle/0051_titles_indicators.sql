-- Issue 15 part 5: the titles module computes VH.01–VH.03 from its decisions (indicators hook).
-- The catalogue shipped them as 'entered' by the culture division, so computePeriod refused every
-- value the module reported. Databases seeded before this change get the catalogue's new source;
-- a definition an administrator has since given another source module is left alone.
UPDATE "indicator_definitions" SET "source" = 'computed', "source_module" = 'titles'
 WHERE "code" IN ('VH.01', 'VH.02', 'VH.03') AND "source" = 'entered' AND "source_module" IS NULL;
