-- Library (issue 12): collections, MARC21 records with searchable columns, authorities, imports.
CREATE TABLE "library_collections" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "code" text NOT NULL UNIQUE,
  "name" text NOT NULL,
  "name_en" text DEFAULT '' NOT NULL,
  "description" text DEFAULT '' NOT NULL,
  "access" text DEFAULT 'public' NOT NULL CHECK ("access" IN ('public','reading_room','restricted')),
  "is_dia_chi" boolean DEFAULT false NOT NULL,
  "sort" integer DEFAULT 100 NOT NULL,
  "is_demo" boolean DEFAULT false NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_records" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "collection_id" uuid NOT NULL REFERENCES "library_collections"("id"),
  "marc" jsonb NOT NULL,
  "control_number" text,
  "title" text NOT NULL,
  "authors" text[] DEFAULT '{}' NOT NULL,
  "year" integer,
  "publisher" text DEFAULT '' NOT NULL,
  "isbn" text,
  "issn" text,
  "subjects" text[] DEFAULT '{}' NOT NULL,
  "places" text[] DEFAULT '{}' NOT NULL,
  "place_codes" text[] DEFAULT '{}' NOT NULL,
  "topics" text[] DEFAULT '{}' NOT NULL,
  "language" text DEFAULT 'vie' NOT NULL,
  "record_type" text DEFAULT 'book' NOT NULL,
  "search_text" text DEFAULT '' NOT NULL,
  -- Words folded (no tone marks, đ→d) for matching; as written for ranking exact tone marks first.
  "search_fold" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, public.vh_unaccent("search_text"))) STORED,
  "search_exact" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "search_text")) STORED,
  "dup_key" text DEFAULT '' NOT NULL,
  "is_demo" boolean DEFAULT false NOT NULL,
  "created_by" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  "deleted_at" timestamp with time zone,
  "datestamp" timestamp with time zone DEFAULT now() NOT NULL,
  "digitised_item_id" uuid,
  "version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
-- OAI-PMH cursors are keyset on (datestamp, id), never OFFSET (DSpace #12980).
CREATE INDEX "library_records_datestamp_idx" ON "library_records" ("datestamp", "id");
--> statement-breakpoint
CREATE INDEX "library_records_collection_idx" ON "library_records" ("collection_id");
--> statement-breakpoint
CREATE INDEX "library_records_fold_gin" ON "library_records" USING gin ("search_fold");
--> statement-breakpoint
-- Typo tolerance (pg_trgm) on the folded title.
CREATE INDEX "library_records_title_trgm" ON "library_records" USING gin (public.vh_unaccent(lower("title")) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "library_records_isbn_idx" ON "library_records" ("isbn") WHERE "isbn" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "library_records_dup_idx" ON "library_records" ("dup_key");
--> statement-breakpoint
CREATE INDEX "library_records_places_gin" ON "library_records" USING gin ("place_codes");
--> statement-breakpoint
CREATE INDEX "library_records_topics_gin" ON "library_records" USING gin ("topics");
--> statement-breakpoint
CREATE TABLE "library_authorities" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "kind" text NOT NULL CHECK ("kind" IN ('person','subject','place','topic')),
  "heading" text NOT NULL,
  "code" text,
  "parent_code" text,
  "note" text DEFAULT '' NOT NULL,
  "variants" text[] DEFAULT '{}' NOT NULL,
  "is_demo" boolean DEFAULT false NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "library_authorities_heading" UNIQUE ("kind", "heading")
);
--> statement-breakpoint
CREATE TABLE "library_imports" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "collection_id" uuid NOT NULL REFERENCES "library_collections"("id"),
  "filename" text NOT NULL,
  "format" text NOT NULL,
  "content" bytea,
  "status" text DEFAULT 'queued' NOT NULL,
  "total" integer DEFAULT 0 NOT NULL,
  "processed" integer DEFAULT 0 NOT NULL,
  "imported" integer DEFAULT 0 NOT NULL,
  "duplicates" integer DEFAULT 0 NOT NULL,
  "failed" integer DEFAULT 0 NOT NULL,
  "errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
  "created_by" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "finished_at" timestamp with time zone
);
