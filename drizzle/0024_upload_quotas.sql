CREATE INDEX IF NOT EXISTS "stored_files_created_by_idx" ON "stored_files" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "dossier_results_sha256_idx" ON "dossier_results" USING btree ("sha256");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "dossier_upload_keys" (
	"account_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_upload_keys_pk" PRIMARY KEY("account_id","key")
);--> statement-breakpoint
ALTER TABLE "dossier_upload_keys" ADD CONSTRAINT "dossier_upload_keys_account_fk" FOREIGN KEY ("account_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "dossier_upload_keys_created_idx" ON "dossier_upload_keys" USING btree ("created_at");
