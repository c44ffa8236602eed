CREATE TABLE "dossier_ratings" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"rating" text NOT NULL,
	"comment" text,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_reminders" (
	"dossier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_date" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_reminders_dossier_id_kind_due_date_pk" PRIMARY KEY("dossier_id","kind","due_date")
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "procedure_name" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "unit_code" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "pause_reason" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "extension_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD COLUMN "pause_allowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_reminders" ADD CONSTRAINT "dossier_reminders_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossiers_submitted_idx" ON "dossiers" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "dossiers_finished_idx" ON "dossiers" USING btree ("finished_at");--> statement-breakpoint
CREATE INDEX "dossiers_due_idx" ON "dossiers" USING btree ("due_date");--> statement-breakpoint
-- Dossiers filed before this migration get their copies of the procedure's name and unit, and
-- the returned ones their outcome against the due date (Vietnam's calendar day of return).
UPDATE "dossiers" d SET "procedure_name" = pv."name", "unit_code" = pv."unit_code" FROM "procedure_versions" pv WHERE pv."id" = d."procedure_version_id";--> statement-breakpoint
UPDATE "dossiers" SET "outcome" = CASE WHEN ("finished_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < "due_date" THEN 'early' WHEN ("finished_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = "due_date" THEN 'on_time' ELSE 'late' END WHERE "status" = 'returned' AND "due_date" IS NOT NULL AND "finished_at" IS NOT NULL;
