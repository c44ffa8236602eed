-- Issue 16: the street-name and public-works naming bank (Decree 91/2005/NĐ-CP, Circular 36/2006/TT-BVHTT).
CREATE TABLE IF NOT EXISTS "naming_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"label_en" text NOT NULL,
	"value" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"legal_basis" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"sort" integer DEFAULT 100 NOT NULL,
	CONSTRAINT "naming_rules_unique" UNIQUE ("kind","key","effective_from")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "naming_areas" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"boundary" jsonb NOT NULL,
	"min_lng" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "naming_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"full_name" text NOT NULL,
	"fold" text NOT NULL,
	"variants" text[] DEFAULT '{}'::text[] NOT NULL,
	"variant_folds" text[] DEFAULT '{}'::text[] NOT NULL,
	"birth_year" integer,
	"death_year" integer,
	"roles" text DEFAULT '' NOT NULL,
	"stature" text DEFAULT 'provincial' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "naming_persons_fold_idx" ON "naming_persons" ("fold");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "naming_persons_variants_idx" ON "naming_persons" USING gin ("variant_folds");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "naming_names" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"fold" text NOT NULL,
	"name_class" text NOT NULL,
	"person_id" uuid REFERENCES "naming_persons"("id"),
	"stature" text DEFAULT 'provincial' NOT NULL,
	"meaning" text DEFAULT '' NOT NULL,
	"meaning_en" text DEFAULT '' NOT NULL,
	"dates" text DEFAULT '' NOT NULL,
	"sources" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'bank' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "naming_names_status_ck" CHECK ("status" IN ('bank','proposed','consulted','approved','assigned','retired')),
	CONSTRAINT "naming_names_class_ck" CHECK ("name_class" IN ('place','noun','relic','event','person'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "naming_names_fold_idx" ON "naming_names" ("fold");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "naming_names_person_idx" ON "naming_names" ("person_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "naming_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_id" uuid NOT NULL REFERENCES "naming_names"("id"),
	"title" text NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "naming_objects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"kind" text NOT NULL,
	"area_code" text NOT NULL REFERENCES "naming_areas"("code"),
	"geometry" jsonb NOT NULL,
	"min_lng" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"length_m" integer,
	"width_m" double precision,
	"current_name" text,
	"fold" text,
	"exact" text,
	"name_class" text,
	"name_id" uuid REFERENCES "naming_names"("id"),
	"person_id" uuid REFERENCES "naming_persons"("id"),
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "naming_objects_kind_ck" CHECK ("kind" IN ('street','road','square','park','bridge','public_work','lane'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "naming_objects_area_idx" ON "naming_objects" ("area_code","fold");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "naming_objects_person_idx" ON "naming_objects" ("area_code","person_id");
--> statement-breakpoint
-- A bank name names one object at a time (issue 16: "a name assigned twice" is refused).
CREATE UNIQUE INDEX IF NOT EXISTS "naming_objects_name_once" ON "naming_objects" ("name_id") WHERE "name_id" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "naming_object_names" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"object_id" uuid NOT NULL REFERENCES "naming_objects"("id"),
	"name" text NOT NULL,
	"name_id" uuid,
	"from_date" date,
	"to_date" date,
	"decision_number" text DEFAULT '' NOT NULL,
	"decision_date" date
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "naming_object_names_object_idx" ON "naming_object_names" ("object_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "naming_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"area_code" text NOT NULL,
	"person_id" uuid NOT NULL REFERENCES "naming_persons"("id"),
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "naming_exceptions_unique" UNIQUE ("area_code","person_id")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "naming_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"title" text NOT NULL,
	"area_code" text NOT NULL REFERENCES "naming_areas"("code"),
	"status" text DEFAULT 'draft' NOT NULL,
	"consult_from" date,
	"consult_to" date,
	"conference_date" date,
	"conference_minutes" text DEFAULT '' NOT NULL,
	"vote_date" date,
	"vote_members" integer,
	"vote_present" integer,
	"vote_for" integer,
	"vote_against" integer,
	"vote_abstain" integer,
	"threshold" text,
	"decision_number" text,
	"decision_date" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "naming_batches_status_ck" CHECK ("status" IN ('draft','consultation','conference','voted','rejected','assigned')),
	CONSTRAINT "naming_batches_vote_ck" CHECK ("vote_present" IS NULL OR ("vote_for" + "vote_against" + "vote_abstain" = "vote_present" AND "vote_present" <= "vote_members")),
	CONSTRAINT "naming_batches_decision_ck" CHECK ("decision_date" IS NULL OR "consult_to" IS NULL OR "decision_date" > "consult_to")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "naming_batch_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL REFERENCES "naming_batches"("id"),
	"name_id" uuid NOT NULL REFERENCES "naming_names"("id"),
	"object_id" uuid NOT NULL REFERENCES "naming_objects"("id"),
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "naming_batch_items_unique" UNIQUE ("batch_id","object_id")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "naming_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL REFERENCES "naming_batches"("id"),
	"author" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "naming_comments_batch_idx" ON "naming_comments" ("batch_id");
