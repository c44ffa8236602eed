CREATE TABLE IF NOT EXISTS "indicator_dashboards" (
	"slug" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 100 NOT NULL,
	"charts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_code" text NOT NULL,
	"kind" text NOT NULL,
	"threshold" numeric NOT NULL,
	"dims_key" text DEFAULT '' NOT NULL,
	"extra_recipients" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "indicator_alert_rules_kind_ck" CHECK ("kind" IN ('below','above','drop_percent'))
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_alert_rules_ind_idx" ON "indicator_alert_rules" USING btree ("indicator_code") WHERE "active";--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_alert_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_id" uuid NOT NULL REFERENCES "indicator_alert_rules"("id") ON DELETE CASCADE,
	"indicator_code" text NOT NULL,
	"period_code" text NOT NULL,
	"dims_key" text DEFAULT '' NOT NULL,
	"value" numeric NOT NULL,
	"previous_value" numeric,
	"message" text NOT NULL,
	"recipients" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "indicator_alert_log_once_uq" ON "indicator_alert_log" USING btree ("rule_id","period_code","dims_key");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_alert_log_created_idx" ON "indicator_alert_log" USING btree ("created_at");
