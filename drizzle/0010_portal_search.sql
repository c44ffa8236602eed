-- Diacritic-insensitive site search: "quyet dinh" finds "Quyết định" in document numbers,
-- summaries and page titles/bodies ("đ" folds to "d" inside vh_unaccent).
CREATE INDEX legal_documents_number_trgm ON legal_documents USING gin (public.vh_unaccent(lower(number_symbol)) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX legal_documents_summary_trgm ON legal_documents USING gin (public.vh_unaccent(lower(summary)) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX portal_pages_title_trgm ON portal_pages USING gin (public.vh_unaccent(lower(title)) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX portal_pages_body_trgm ON portal_pages USING gin (public.vh_unaccent(lower(body_markdown)) gin_trgm_ops);
