CREATE TABLE IF NOT EXISTS "indicator_definitions" (
	"code" text PRIMARY KEY NOT NULL,
	"theme" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"definition" text NOT NULL,
	"formula" text DEFAULT '' NOT NULL,
	"measure_unit" text NOT NULL,
	"measure_unit_en" text NOT NULL,
	"value_type" text NOT NULL,
	"decimals" integer DEFAULT 0 NOT NULL,
	"periodicity" text NOT NULL,
	"dimensions" text[] DEFAULT '{}'::text[] NOT NULL,
	"unit_code" text NOT NULL,
	"source" text NOT NULL,
	"source_module" text,
	"ioc_code" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"min_value" numeric,
	"max_value" numeric,
	"jump_percent" numeric,
	"higher_is_better" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 100 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_definitions_value_type_ck" CHECK ("value_type" IN ('count','decimal','percent','money')),
	CONSTRAINT "indicator_definitions_periodicity_ck" CHECK ("periodicity" IN ('month','quarter','year')),
	CONSTRAINT "indicator_definitions_source_ck" CHECK ("source" IN ('entered','computed','device'))
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_definitions_theme_idx" ON "indicator_definitions" USING btree ("theme","sort");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_definitions_unit_idx" ON "indicator_definitions" USING btree ("unit_code");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_dimension_values" (
	"dimension" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer DEFAULT 100 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "indicator_dimension_values_pk" PRIMARY KEY("dimension","code")
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_periods" (
	"code" text PRIMARY KEY NOT NULL,
	"periodicity" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"published_at" timestamp with time zone,
	"reopened_at" timestamp with time zone,
	"computed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "indicator_periods_status_ck" CHECK ("status" IN ('open','published','reopened'))
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"published_by" uuid,
	"published_at" timestamp with time zone,
	"return_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "indicator_reports_status_ck" CHECK ("status" IN ('draft','submitted','returned','approved','published'))
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "indicator_reports_period_unit_uq" ON "indicator_reports" USING btree ("period_code","unit_code");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_reports_status_idx" ON "indicator_reports" USING btree ("status","period_code");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_observations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator_code" text NOT NULL,
	"period_code" text NOT NULL,
	"dims_key" text DEFAULT '' NOT NULL,
	"dims" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"area_code" text,
	"value" numeric NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"report_id" uuid,
	"comment" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_observations_status_ck" CHECK ("status" IN ('draft','submitted','approved','published'))
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "indicator_observations_uq" ON "indicator_observations" USING btree ("indicator_code","period_code","dims_key");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_observations_pub_idx" ON "indicator_observations" USING btree ("indicator_code","status","period_code");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_observations_period_idx" ON "indicator_observations" USING btree ("period_code","status");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_observations_report_idx" ON "indicator_observations" USING btree ("report_id");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"observation_id" bigint NOT NULL,
	"indicator_code" text NOT NULL,
	"period_code" text NOT NULL,
	"dims_key" text NOT NULL,
	"old_value" numeric NOT NULL,
	"new_value" numeric NOT NULL,
	"revision" integer NOT NULL,
	"reason" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_revisions_obs_idx" ON "indicator_revisions" USING btree ("observation_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_revisions_ind_idx" ON "indicator_revisions" USING btree ("indicator_code","period_code");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_consumers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"scopes" text[] DEFAULT '{*}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "indicator_consumers_key_uq" ON "indicator_consumers" USING btree ("key_hash");
