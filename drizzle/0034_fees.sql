-- Issue 18 parts 4-5: the agency's collection account (data with an effective date), imported bank
-- statements (one row per file: importing the same file twice changes nothing), fee payments
-- (one row per bank transaction, unique, or per cash receipt) and refunds with their reason.
CREATE TABLE "fee_accounts" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "bank_bin" text NOT NULL,
  "bank_name" text NOT NULL,
  "account_number" text NOT NULL,
  "account_name" text NOT NULL,
  "effective_from" date NOT NULL,
  "effective_to" date,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_statements" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "sha256" text NOT NULL,
  "file_name" text NOT NULL,
  "imported_by" uuid,
  "imported_at" timestamp with time zone DEFAULT now() NOT NULL,
  "line_count" integer NOT NULL,
  "report" jsonb NOT NULL,
  CONSTRAINT "fee_statements_sha256_uq" UNIQUE ("sha256")
);
--> statement-breakpoint
CREATE TABLE "fee_payments" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "dossier_id" uuid NOT NULL REFERENCES "dossiers"("id") ON DELETE CASCADE,
  "amount" bigint NOT NULL CHECK ("amount" > 0),
  "method" text NOT NULL CHECK ("method" IN ('bank', 'cash', 'gateway')),
  "bank_txn_id" text,
  "statement_id" uuid REFERENCES "fee_statements"("id"),
  "paid_on" date NOT NULL,
  "memo" text,
  "receipt_no" text,
  "recorded_by" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "fee_payments_bank_txn_uq" UNIQUE ("bank_txn_id")
);
--> statement-breakpoint
CREATE INDEX "fee_payments_dossier_idx" ON "fee_payments" ("dossier_id");
--> statement-breakpoint
CREATE INDEX "fee_payments_paid_on_idx" ON "fee_payments" ("paid_on");
--> statement-breakpoint
CREATE TABLE "fee_refunds" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "dossier_id" uuid NOT NULL REFERENCES "dossiers"("id") ON DELETE CASCADE,
  "amount" bigint NOT NULL CHECK ("amount" > 0),
  "reason" text NOT NULL,
  "recorded_by" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
