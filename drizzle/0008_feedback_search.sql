-- Duplicate detection (issue 4 part 3) compares a new case's text with open cases of the same
-- category by trigram similarity, diacritic-insensitive: "karaoke on ao" must meet "karaoke ồn ào".
CREATE INDEX feedback_cases_content_trgm ON feedback_cases USING gin (public.vh_unaccent(lower(content)) gin_trgm_ops);
