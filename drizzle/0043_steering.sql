-- Issue 17: steering of administrative reform and digital transformation: the committee and its
-- working group, plans with targets on indicator codes, meetings and conclusions, tasks with
-- progress and evidence, self-assessment index criteria as data, reports with versions.
CREATE TABLE IF NOT EXISTS "steering_bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL CHECK ("kind" IN ('committee','working_group')),
	"name" text NOT NULL,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"issuer" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL REFERENCES "steering_bodies"("id") ON DELETE CASCADE,
	"full_name" text NOT NULL,
	"position" text NOT NULL,
	"role" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"decision_number" text
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL UNIQUE,
	"issued_on" date NOT NULL,
	"issuer" text NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"source_plan" text DEFAULT '' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL REFERENCES "steering_plans"("id") ON DELETE CASCADE,
	"label" text NOT NULL,
	"indicator_code" text,
	"comparator" text DEFAULT '>=' NOT NULL CHECK ("comparator" IN ('>=','<=')),
	"target_value" double precision,
	"period_code" text,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"chair" text DEFAULT '' NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"participants" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"previous_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_conclusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL REFERENCES "steering_meetings"("id") ON DELETE CASCADE,
	"seq" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"title" text NOT NULL,
	"plan_id" uuid REFERENCES "steering_plans"("id") ON DELETE SET NULL,
	"conclusion_id" uuid REFERENCES "steering_conclusions"("id") ON DELETE SET NULL,
	"owner_unit" text NOT NULL,
	"co_units" text[] DEFAULT '{}'::text[] NOT NULL,
	"deadline" date NOT NULL,
	"expected_product" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL CHECK ("status" IN ('not_started','on_track','at_risk','late','done','dropped')),
	"progress" integer DEFAULT 0 NOT NULL CHECK ("progress" BETWEEN 0 AND 100),
	"drop_reason" text,
	"done_on" date,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "steering_tasks_owner_idx" ON "steering_tasks" ("owner_unit","deadline");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "steering_tasks_plan_idx" ON "steering_tasks" ("plan_id");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_task_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL REFERENCES "steering_tasks"("id") ON DELETE CASCADE,
	"progress" integer NOT NULL,
	"status" text NOT NULL,
	"note" text NOT NULL,
	"link" text,
	"file_id" uuid,
	"file_name" text,
	"created_by" uuid,
	"created_by_label" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "steering_task_updates_task_idx" ON "steering_task_updates" ("task_id","created_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"index_kind" text NOT NULL CHECK ("index_kind" IN ('CCHC','CDS')),
	"code" text NOT NULL,
	"label" text NOT NULL,
	"max_points" double precision NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"effective_year" integer NOT NULL,
	"indicator_code" text,
	"full_at" double precision,
	"legal_basis" text DEFAULT '' NOT NULL,
	CONSTRAINT "steering_criteria_unique" UNIQUE ("index_kind","code","effective_year")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"criterion_id" uuid NOT NULL REFERENCES "steering_criteria"("id") ON DELETE CASCADE,
	"year" integer NOT NULL,
	"unit_code" text NOT NULL,
	"points" double precision NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'self' NOT NULL CHECK ("status" IN ('self','reviewed')),
	"reviewed_points" double precision,
	"review_note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "steering_scores_unique" UNIQUE ("criterion_id","year","unit_code")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL CHECK ("kind" IN ('yearly','quarterly')),
	"year" integer NOT NULL,
	"quarter" integer,
	"number" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL CHECK ("status" IN ('draft','submitted','approved','published')),
	"version" integer DEFAULT 1 NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "steering_report_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL REFERENCES "steering_reports"("id") ON DELETE CASCADE,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "steering_report_versions_unique" UNIQUE ("report_id","version")
);
