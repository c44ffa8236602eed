-- Issue 13 part 4: the ranking-file workflow (hồ sơ xếp hạng di tích). New tables only; the
-- step durations are dated data (heritage.rules.json, kind "ranking_step").
CREATE TABLE IF NOT EXISTS "heritage_step_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"step" text NOT NULL,
	"label" text NOT NULL,
	"label_en" text NOT NULL,
	"working_days" integer NOT NULL,
	"remind_before" integer DEFAULT 3 NOT NULL,
	"documents" text DEFAULT '' NOT NULL,
	"documents_en" text DEFAULT '' NOT NULL,
	"legal_basis" text NOT NULL,
	"confirmed" boolean DEFAULT false NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"sort" integer DEFAULT 100 NOT NULL,
	CONSTRAINT "heritage_step_rules_days_ck" CHECK ("working_days" >= 0 AND "remind_before" >= 0),
	CONSTRAINT "heritage_step_rules_unique" UNIQUE ("step","effective_from")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "heritage_ranking_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"relic_id" uuid NOT NULL REFERENCES "heritage_relics"("id"),
	"action" text NOT NULL,
	"proposed_level" text NOT NULL,
	"step" text DEFAULT 'proposal' NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"step_started_on" date NOT NULL,
	"step_due_on" date,
	"decision_id" uuid REFERENCES "heritage_ranking_decisions"("id"),
	"note" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "heritage_ranking_files_action_ck" CHECK ("action" IN ('rank','rerank')),
	CONSTRAINT "heritage_ranking_files_step_ck" CHECK ("step" IN ('proposal','inventory','profile','appraisal','submitted','decided')),
	CONSTRAINT "heritage_ranking_files_state_ck" CHECK ("state" IN ('open','decided','stopped'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_ranking_files_open_idx" ON "heritage_ranking_files" ("state","step_due_on");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_ranking_files_relic_idx" ON "heritage_ranking_files" ("relic_id");
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "heritage_ranking_files_one_open" ON "heritage_ranking_files" ("relic_id") WHERE "state" = 'open';
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "heritage_ranking_file_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL REFERENCES "heritage_ranking_files"("id") ON DELETE CASCADE,
	"step" text NOT NULL,
	"started_on" date NOT NULL,
	"due_on" date,
	"completed_on" date,
	"outcome" text,
	"note" text DEFAULT '' NOT NULL,
	"acted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_ranking_file_steps_file_idx" ON "heritage_ranking_file_steps" ("file_id","created_at");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "heritage_ranking_file_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL REFERENCES "heritage_ranking_files"("id") ON DELETE CASCADE,
	"step" text NOT NULL,
	"title" text NOT NULL,
	"stored_file_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_ranking_file_documents_file_idx" ON "heritage_ranking_file_documents" ("file_id","step");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "heritage_ranking_file_reminders" (
	"file_id" uuid NOT NULL REFERENCES "heritage_ranking_files"("id") ON DELETE CASCADE,
	"step" text NOT NULL,
	"due_on" date NOT NULL,
	"kind" text NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "heritage_ranking_file_reminders_kind_ck" CHECK ("kind" IN ('near','overdue')),
	CONSTRAINT "heritage_ranking_file_reminders_once" UNIQUE ("file_id","step","due_on","kind")
);
--> statement-breakpoint
-- Issue 13 part 5: artefact movements and loans, and the approval that puts an artefact online.
CREATE TABLE IF NOT EXISTS "heritage_artefact_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"artefact_id" uuid NOT NULL REFERENCES "heritage_artefacts"("id") ON DELETE CASCADE,
	"kind" text NOT NULL,
	"from_location" text DEFAULT '' NOT NULL,
	"to_location" text DEFAULT '' NOT NULL,
	"counterparty" text DEFAULT '' NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"moved_on" date NOT NULL,
	"due_back_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "heritage_artefact_movements_kind_ck" CHECK ("kind" IN ('move','loan_out','loan_return','conservation'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_artefact_movements_idx" ON "heritage_artefact_movements" ("artefact_id","moved_on");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "heritage_artefact_publications" (
	"artefact_id" uuid PRIMARY KEY NOT NULL REFERENCES "heritage_artefacts"("id") ON DELETE CASCADE,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid
);
--> statement-breakpoint
-- Issue 13 part 5: intangible heritage (festivals, crafts, practices) and its practitioners.
CREATE TABLE IF NOT EXISTS "heritage_intangibles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"community" text DEFAULT '' NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"season" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"listing" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "heritage_intangibles_kind_ck" CHECK ("kind" IN ('festival','craft','practice','performing_art','oral_tradition')),
	CONSTRAINT "heritage_intangibles_status_ck" CHECK ("status" IN ('draft','published'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_intangibles_status_idx" ON "heritage_intangibles" ("status","kind");
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "heritage_practitioners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"intangible_id" uuid NOT NULL REFERENCES "heritage_intangibles"("id") ON DELETE CASCADE,
	"full_name" text NOT NULL,
	"birth_year" integer,
	"title" text DEFAULT 'none' NOT NULL,
	"title_year" integer,
	"title_decision" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "heritage_practitioners_title_ck" CHECK ("title" IN ('nghe_nhan_nhan_dan','nghe_nhan_uu_tu','none'))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "heritage_practitioners_element_idx" ON "heritage_practitioners" ("intangible_id");
