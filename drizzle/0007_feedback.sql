CREATE TABLE "feedback_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"channel" text NOT NULL,
	"category_code" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"reporter_name" text,
	"reporter_phone" text,
	"reporter_email" text,
	"content" text NOT NULL,
	"address_text" text,
	"lat" numeric(9, 6),
	"lng" numeric(9, 6),
	"media_url" text,
	"publish_consent" boolean DEFAULT true NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_date" date NOT NULL,
	"api_client_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_cases_code_unique" UNIQUE("code"),
	CONSTRAINT "feedback_cases_content_len_ck" CHECK (char_length("feedback_cases"."content") <= 4000),
	CONSTRAINT "feedback_cases_lat_ck" CHECK ("feedback_cases"."lat" IS NULL OR "feedback_cases"."lat" BETWEEN 8.0 AND 23.5),
	CONSTRAINT "feedback_cases_lng_ck" CHECK ("feedback_cases"."lng" IS NULL OR "feedback_cases"."lng" BETWEEN 102.0 AND 110.0),
	CONSTRAINT "feedback_cases_status_ck" CHECK ("feedback_cases"."status" IN ('new','classified','in_progress','answered','closed','rejected','forwarded','merged')),
	CONSTRAINT "feedback_cases_channel_ck" CHECK ("feedback_cases"."channel" IN ('web','hotline','open311','email'))
);
--> statement-breakpoint
CREATE TABLE "feedback_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"description" text DEFAULT '' NOT NULL,
	"unit_code" text NOT NULL,
	"deadline_days" integer DEFAULT 5 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_categories_service_code_unique" UNIQUE("service_code"),
	CONSTRAINT "feedback_categories_deadline_ck" CHECK ("feedback_categories"."deadline_days" BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE TABLE "feedback_code_sequences" (
	"day" date PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "feedback_files" (
	"case_id" uuid NOT NULL,
	"stored_file_id" uuid NOT NULL,
	"original_name" text NOT NULL,
	CONSTRAINT "feedback_files_case_id_stored_file_id_pk" PRIMARY KEY("case_id","stored_file_id")
);
--> statement-breakpoint
CREATE TABLE "open311_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"api_key_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open311_clients_api_key_hash_unique" UNIQUE("api_key_hash")
);
--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD CONSTRAINT "feedback_cases_category_code_feedback_categories_service_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."feedback_categories"("service_code") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "feedback_cases" ADD CONSTRAINT "feedback_cases_api_client_id_open311_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "public"."open311_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_events" ADD CONSTRAINT "feedback_events_case_id_feedback_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."feedback_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_files" ADD CONSTRAINT "feedback_files_case_id_feedback_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."feedback_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_files" ADD CONSTRAINT "feedback_files_stored_file_id_stored_files_id_fk" FOREIGN KEY ("stored_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_cases_received_idx" ON "feedback_cases" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "feedback_cases_status_idx" ON "feedback_cases" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "feedback_cases_category_idx" ON "feedback_cases" USING btree ("category_code","received_at");--> statement-breakpoint
CREATE INDEX "feedback_events_case_idx" ON "feedback_events" USING btree ("case_id","at");