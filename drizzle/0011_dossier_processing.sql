CREATE TABLE "dossier_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"stored_file_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid
);
--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "from_step" text;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "to_step" text;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "step_result" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "supplement_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "supplement_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "supplement_items" jsonb;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "workflow_step" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "step_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossier_results" ADD CONSTRAINT "dossier_results_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_results" ADD CONSTRAINT "dossier_results_stored_file_id_stored_files_id_fk" FOREIGN KEY ("stored_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_results_dossier_uq" ON "dossier_results" USING btree ("dossier_id");