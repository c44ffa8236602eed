-- Diacritic-insensitive catalogue search: "giay phep karaoke" finds "Giấy phép … karaoke".
CREATE INDEX procedure_versions_name_trgm ON procedure_versions USING gin (public.vh_unaccent(lower(name)) gin_trgm_ops);
