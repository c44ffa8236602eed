-- Digitised items of library records (issue 12 part 4): an item is an ordered list of page images
-- (core images, served as IIIF Image API 3.0) with optional full text per page, shown through a
-- IIIF Presentation 3.0 manifest and searched through IIIF Content Search 2.0.
CREATE TABLE IF NOT EXISTS "library_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL REFERENCES "library_records"("id"),
	"label" text NOT NULL,
	"label_en" text DEFAULT '' NOT NULL,
	"access" text DEFAULT 'public' NOT NULL CHECK ("access" IN ('public', 'reading_room', 'restricted')),
	"rights" text DEFAULT 'http://rightsstatements.org/vocab/InC-EDU/1.0/' NOT NULL,
	"attribution" text DEFAULT '' NOT NULL,
	"ranges" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"page_count" integer DEFAULT 0 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "library_items_record_idx" ON "library_items" ("record_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "library_item_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL REFERENCES "library_items"("id") ON DELETE CASCADE,
	"seq" integer NOT NULL,
	"image_id" uuid NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"text_source" text DEFAULT 'none' NOT NULL CHECK ("text_source" IN ('none', 'imported', 'tesseract', 'demo')),
	"lines" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "library_item_pages_seq" UNIQUE ("item_id", "seq")
);
--> statement-breakpoint
-- Reading rooms: the address ranges from which reading-room items may be read (some documents are
-- served only on the library premises).
CREATE TABLE IF NOT EXISTS "library_reading_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL UNIQUE,
	"cidrs" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
