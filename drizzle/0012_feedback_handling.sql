CREATE TABLE "feedback_pauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"question" text NOT NULL,
	"added_days" integer
);
--> statement-breakpoint
CREATE TABLE "feedback_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_date" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "feedback_reminders_once_uq" UNIQUE("case_id","kind","due_date")
);
--> statement-breakpoint
ALTER TABLE "feedback_cases" DROP CONSTRAINT "feedback_cases_status_ck";--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "classification" text;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "classified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "forward_to" text;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "forward_due_date" date;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "forwarded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "unit_code" text;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "assignee_name" text;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "answer_draft" text;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "answer_has_personal_data" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "public_content" text;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "public_answer" text;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "redaction_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "answer_text" text;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "approved_by" uuid;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "published" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "satisfaction" text;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "rated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD COLUMN "reopen_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback_pauses" ADD CONSTRAINT "feedback_pauses_case_id_feedback_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."feedback_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_reminders" ADD CONSTRAINT "feedback_reminders_case_id_feedback_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."feedback_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_pauses_case_idx" ON "feedback_pauses" USING btree ("case_id","started_at");--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD CONSTRAINT "feedback_cases_merged_into_id_feedback_cases_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."feedback_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_cases_published_idx" ON "feedback_cases" USING btree ("published","received_at");--> statement-breakpoint
CREATE INDEX "feedback_cases_merged_idx" ON "feedback_cases" USING btree ("merged_into_id");--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD CONSTRAINT "feedback_cases_status_ck" CHECK ("feedback_cases"."status" IN ('new','classified','in_progress','waiting','answered','closed','rejected','forwarded','merged'));