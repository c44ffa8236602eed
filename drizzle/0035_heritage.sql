-- Issue 13: the heritage register (Law 45/2024/QH15), protection zones without PostGIS
-- (docs/decisions/016-spatial-without-postgis.md) and the legal rules as dated data.
CREATE TABLE IF NOT EXISTS "heritage_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"label_en" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"body_en" text DEFAULT '' NOT NULL,
	"legal_basis" text NOT NULL,
	"confirmed" boolean DEFAULT true NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"sort" integer DEFAULT 100 NOT NULL,
	CONSTRAINT "heritage_rules_kind_ck" CHECK ("kind" IN ('relic_type','level','zone','review','decision_action')),
	CONSTRAINT "heritage_rules_unique" UNIQUE ("kind","key","effective_from")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "heritage_relics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"other_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"relic_type" text NOT NULL,
	"level" text,
	"address" text DEFAULT '' NOT NULL,
	"admin_unit_code" text,
	"admin_unit_name" text,
	"manager" text DEFAULT '' NOT NULL,
	"conservation" text DEFAULT 'good' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"profile" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"status" text DEFAULT 'draft' NOT NULL,
	"ministry_opinion" text,
	"profile_digitised" boolean DEFAULT false NOT NULL,
	"reviewed_by" uuid,
	"published_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "heritage_relics_status_ck" CHECK ("status" IN ('draft','review','published','withdrawn')),
	CONSTRAINT "heritage_relics_conservation_ck" CHECK ("conservation" IN ('good','degraded','severe','restored'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_relics_public_idx" ON "heritage_relics" ("status","level","relic_type");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "heritage_ranking_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relic_id" uuid NOT NULL REFERENCES "heritage_relics"("id") ON DELETE CASCADE,
	"action" text NOT NULL,
	"level" text,
	"number" text NOT NULL,
	"decided_on" date NOT NULL,
	"issuer" text NOT NULL,
	"file_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "heritage_ranking_action_ck" CHECK ("action" IN ('rank','rerank','delist'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_ranking_relic_idx" ON "heritage_ranking_decisions" ("relic_id","decided_on");
--> statement-breakpoint
-- Bounding box columns + an expression GiST index on box(): core PostgreSQL, no PostGIS. The exact
-- point-in-polygon test runs in code (Turf) on the few candidates the index returns.
CREATE TABLE IF NOT EXISTS "heritage_zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relic_id" uuid NOT NULL REFERENCES "heritage_relics"("id") ON DELETE CASCADE,
	"zone" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"overview" jsonb NOT NULL,
	"vertex_count" integer NOT NULL,
	"min_lng" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"source" text DEFAULT 'geojson' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "heritage_zones_zone_ck" CHECK ("zone" IN ('I','II')),
	CONSTRAINT "heritage_zones_one_per_kind" UNIQUE ("relic_id","zone")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_zones_bbox_gist" ON "heritage_zones" USING gist (box(point("min_lng","min_lat"), point("max_lng","max_lat")));
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "heritage_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relic_id" uuid NOT NULL REFERENCES "heritage_relics"("id") ON DELETE CASCADE,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"file_id" uuid,
	"image_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "heritage_media_kind_ck" CHECK ("kind" IN ('photo','decision','boundary_minutes','map','other'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_media_relic_idx" ON "heritage_media" ("relic_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "heritage_artefacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inventory_number" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"relic_id" uuid REFERENCES "heritage_relics"("id") ON DELETE SET NULL,
	"holder" text DEFAULT '' NOT NULL,
	"material" text DEFAULT '' NOT NULL,
	"dimensions" text DEFAULT '' NOT NULL,
	"dating" text DEFAULT '' NOT NULL,
	"provenance" text DEFAULT '' NOT NULL,
	"condition" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"image_id" uuid,
	"inventoried_on" date NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
