-- Diacritic-insensitive news search: "chuyen doi so" finds "Chuyển đổi số" in titles and summaries.
CREATE INDEX articles_title_trgm ON articles USING gin (public.vh_unaccent(lower(title)) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX articles_summary_trgm ON articles USING gin (public.vh_unaccent(lower(summary)) gin_trgm_ops);
