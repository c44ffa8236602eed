-- Issue 15 (ADR 020): the village / residential-group round and the commune's "tiêu biểu"
-- proposals. A round and its entries carry their title; a village entry has no household.
-- Proposals list the households or villages a commune puts forward for commendation after N
-- consecutive years holding the title (N and the deciding level are data, titles.rules.json).
ALTER TABLE "titles_cycles" ADD COLUMN IF NOT EXISTS "title_kind" text DEFAULT 'household' NOT NULL;
--> statement-breakpoint
ALTER TABLE "titles_cycles" ADD CONSTRAINT "titles_cycles_kind_ck" CHECK ("title_kind" IN ('household','village'));
--> statement-breakpoint
ALTER TABLE "titles_cycles" DROP CONSTRAINT IF EXISTS "titles_cycles_commune_year";
--> statement-breakpoint
ALTER TABLE "titles_cycles" ADD CONSTRAINT "titles_cycles_commune_year_kind" UNIQUE ("commune_code","year","title_kind");
--> statement-breakpoint
ALTER TABLE "titles_entries" ADD COLUMN IF NOT EXISTS "title_kind" text DEFAULT 'household' NOT NULL;
--> statement-breakpoint
ALTER TABLE "titles_entries" ALTER COLUMN "household_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "titles_entries" ADD CONSTRAINT "titles_entries_subject_ck" CHECK (("title_kind" = 'household' AND "household_id" IS NOT NULL) OR ("title_kind" = 'village' AND "household_id" IS NULL));
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "titles_entries_village_year" ON "titles_entries" ("village_id","year") WHERE "title_kind" = 'village';
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "titles_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_code" text NOT NULL,
	"commune_name" text NOT NULL,
	"year" integer NOT NULL,
	"title_kind" text NOT NULL,
	"cycle_id" uuid NOT NULL REFERENCES "titles_cycles"("id"),
	"consecutive_years" integer NOT NULL,
	"deciding_level" text NOT NULL,
	"number" text NOT NULL,
	"proposed_on" date NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decision_number" text,
	"decision_date" date,
	"decision_signer" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "titles_proposals_kind_ck" CHECK ("title_kind" IN ('household','village')),
	CONSTRAINT "titles_proposals_status_ck" CHECK ("status" IN ('submitted','decided')),
	CONSTRAINT "titles_proposals_one" UNIQUE ("commune_code","year","title_kind")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "titles_proposal_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL REFERENCES "titles_proposals"("id"),
	"entry_id" uuid NOT NULL REFERENCES "titles_entries"("id"),
	"years_held" integer NOT NULL,
	"awarded" boolean,
	CONSTRAINT "titles_proposal_items_entry" UNIQUE ("entry_id")
);
