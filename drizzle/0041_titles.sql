-- Issue 15: cultural-title recognition (Decree 86/2023/NĐ-CP): criteria as dated data, the
-- subjects register (villages, households), the yearly round per commune, comments, revisions,
-- certificate batches and the yearly totals the statistics read.
CREATE TABLE IF NOT EXISTS "titles_criteria_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title_kind" text NOT NULL,
	"decree" text NOT NULL,
	"appendix" text NOT NULL,
	"effective_from" date NOT NULL,
	"groups" jsonb NOT NULL,
	"deciding_level" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "titles_criteria_versions_kind_ck" CHECK ("title_kind" IN ('household','village','commune')),
	CONSTRAINT "titles_criteria_versions_unique" UNIQUE ("title_kind","effective_from")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "titles_villages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"kind" text DEFAULT 'thon' NOT NULL,
	"commune_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "titles_villages_commune_idx" ON "titles_villages" ("commune_code");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "titles_households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"head_name" text NOT NULL,
	"members" integer DEFAULT 1 NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"village_id" uuid NOT NULL REFERENCES "titles_villages"("id"),
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "titles_households_village_idx" ON "titles_households" ("village_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "titles_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_code" text NOT NULL,
	"commune_name" text NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"criteria_version_id" uuid NOT NULL REFERENCES "titles_criteria_versions"("id"),
	"opened_on" date NOT NULL,
	"listing_start" date,
	"listing_end" date,
	"minutes_number" text,
	"minutes_date" date,
	"minutes_text" text,
	"decision_number" text,
	"decision_date" date,
	"decision_signer" text,
	"decision_due" date,
	"publish_due" date,
	"published_on" date,
	"reminders_sent" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "titles_cycles_status_ck" CHECK ("status" IN ('open','listing','reviewed','decided','published')),
	CONSTRAINT "titles_cycles_commune_year" UNIQUE ("commune_code","year")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "titles_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL REFERENCES "titles_cycles"("id"),
	"household_id" uuid NOT NULL REFERENCES "titles_households"("id"),
	"village_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"commune_code" text NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"mid_year_note" text DEFAULT '' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"exclusion_reason" text,
	"exclusion_basis" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "titles_entries_status_ck" CHECK ("status" IN ('registered','assessed','proposed','recognised','not_met','excluded')),
	CONSTRAINT "titles_entries_one_per_year" UNIQUE ("household_id","year")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "titles_entries_cycle_idx" ON "titles_entries" ("cycle_id","status");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "titles_entry_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL REFERENCES "titles_entries"("id"),
	"revision" integer NOT NULL,
	"data" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "titles_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL REFERENCES "titles_cycles"("id"),
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "titles_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL REFERENCES "titles_cycles"("id"),
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"storage_key" text,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "titles_stats" (
	"commune_code" text NOT NULL,
	"year" integer NOT NULL,
	"title_kind" text NOT NULL,
	"total" integer NOT NULL,
	"recognised" integer NOT NULL,
	CONSTRAINT "titles_stats_key" UNIQUE ("commune_code","year","title_kind")
);
