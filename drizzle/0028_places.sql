CREATE TABLE IF NOT EXISTS "admin_units" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"successor_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"basis" text,
	"sort" integer DEFAULT 100 NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"is_demo" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admin_units_level_ck" CHECK ("level" IN ('province','district','commune','ward','special_zone')),
	CONSTRAINT "admin_units_valid_ck" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "admin_units_parent_idx" ON "admin_units" USING btree ("parent_code");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "admin_units_valid_idx" ON "admin_units" USING btree ("valid_from","valid_to");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "admin_units_successors_idx" ON "admin_units" USING gin ("successor_codes");
