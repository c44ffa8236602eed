-- Issue 11 part 7: museum visitor counting from AI cameras (counts only, never images).
CREATE TABLE IF NOT EXISTS "device_facilities" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"unit_code" text,
	"opens_at" time NOT NULL DEFAULT '08:00',
	"closes_at" time NOT NULL DEFAULT '17:00',
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "devices" (
	"id" text PRIMARY KEY NOT NULL CHECK ("id" ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
	"facility_code" text NOT NULL REFERENCES "device_facilities"("code"),
	"entrance" text NOT NULL,
	"location" text,
	"key" text NOT NULL,
	"status" text NOT NULL DEFAULT 'active' CHECK ("status" IN ('active', 'disabled')),
	"silent_after_minutes" integer NOT NULL DEFAULT 30 CHECK ("silent_after_minutes" BETWEEN 5 AND 10080),
	"last_seen_at" timestamp with time zone,
	"silent_alerted_at" timestamp with time zone,
	"is_demo" boolean NOT NULL DEFAULT false,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer NOT NULL DEFAULT 1
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "device_counts" (
	"device_id" text NOT NULL REFERENCES "devices"("id"),
	"interval_start" timestamp with time zone NOT NULL,
	"interval_seconds" integer NOT NULL CHECK ("interval_seconds" BETWEEN 1 AND 3600),
	"entries" integer NOT NULL CHECK ("entries" >= 0),
	"exits" integer NOT NULL CHECK ("exits" >= 0),
	"seq" bigint NOT NULL CHECK ("seq" >= 0),
	"device_time" timestamp with time zone NOT NULL,
	"facility_code" text NOT NULL,
	"via" text NOT NULL CHECK ("via" IN ('http', 'mqtt')),
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("device_id", "interval_start")
);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "device_counts_seq_idx" ON "device_counts" ("device_id", "seq");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "device_counts_facility_idx" ON "device_counts" ("facility_code", "interval_start");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "device_hourly" (
	"device_id" text NOT NULL REFERENCES "devices"("id"),
	"hour_start" timestamp with time zone NOT NULL,
	"facility_code" text NOT NULL,
	"entries" bigint NOT NULL DEFAULT 0,
	"exits" bigint NOT NULL DEFAULT 0,
	PRIMARY KEY ("device_id", "hour_start")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "device_hourly_facility_idx" ON "device_hourly" ("facility_code", "hour_start");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "device_rejections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"device_id" text,
	"via" text NOT NULL,
	"code" text NOT NULL,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "device_rejections_at_idx" ON "device_rejections" ("at");
