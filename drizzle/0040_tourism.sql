-- Smart tourism (issue 14): destinations, events (lunar or solar yearly dates), itineraries,
-- 360° tours as versioned JSON, panoramas with their multi-resolution tiles and preview.
CREATE TABLE IF NOT EXISTS "tourism_destinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"admin_unit_code" text,
	"admin_unit_name" text,
	"lat" double precision,
	"lng" double precision,
	"opening_hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"price_vnd" integer,
	"accessibility" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"relic_code" text,
	"camera_site" text,
	"published" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tourism_destinations_category_idx" ON "tourism_destinations" ("category");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "tourism_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"kind" text DEFAULT 'festival' NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"destination_code" text,
	"calendar" text NOT NULL,
	"month" integer,
	"day" integer,
	"leap_month" boolean DEFAULT false NOT NULL,
	"start_date" date,
	"duration_days" integer DEFAULT 1 NOT NULL,
	"from_year" integer,
	"to_year" integer,
	"published" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "tourism_itineraries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"days" integer DEFAULT 1 NOT NULL,
	"stops" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "tourism_tours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"title" text NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"destination_code" text,
	"draft" jsonb NOT NULL,
	"draft_version" integer DEFAULT 1 NOT NULL,
	"published_version" integer,
	"published_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "tourism_tour_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tour_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"doc" jsonb NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tourism_tour_versions_unique" UNIQUE("tour_id","version")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "tourism_panoramas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tour_id" uuid NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"file_id" uuid,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"levels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"preview" bytea,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "tourism_tiles" (
	"panorama_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"col" integer NOT NULL,
	"row" integer NOT NULL,
	"data" bytea NOT NULL,
	CONSTRAINT "tourism_tiles_panorama_id_level_col_row_pk" PRIMARY KEY("panorama_id","level","col","row")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "tourism_tour_views" (
	"tour_id" uuid NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tourism_tour_views_tour_id_day_pk" PRIMARY KEY("tour_id","day")
);
