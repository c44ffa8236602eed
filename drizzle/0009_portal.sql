CREATE TABLE "legal_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number_symbol" text NOT NULL,
	"type" text NOT NULL,
	"issuing_body" text NOT NULL,
	"signer" text NOT NULL,
	"issued_date" date NOT NULL,
	"effective_date" date NOT NULL,
	"expiry_date" date,
	"replaced_by_id" uuid,
	"summary" text NOT NULL,
	"stored_file_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"section" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"body_markdown" text DEFAULT '' NOT NULL,
	"body_markdown_en" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_replaced_by_id_legal_documents_id_fk" FOREIGN KEY ("replaced_by_id") REFERENCES "public"."legal_documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_documents" ADD CONSTRAINT "legal_documents_stored_file_id_stored_files_id_fk" FOREIGN KEY ("stored_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "legal_documents_number_body_idx" ON "legal_documents" USING btree ("number_symbol","issuing_body");--> statement-breakpoint
CREATE INDEX "legal_documents_issued_idx" ON "legal_documents" USING btree ("issued_date");--> statement-breakpoint
CREATE INDEX "legal_documents_type_idx" ON "legal_documents" USING btree ("type","issued_date");--> statement-breakpoint
CREATE UNIQUE INDEX "portal_pages_slug_idx" ON "portal_pages" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "portal_pages_section_idx" ON "portal_pages" USING btree ("section");