-- Issue 18 part 6: payment-gateway notifications, one row per (gateway, event id). Gateways retry
-- until they get a 2xx, so the unique key makes the webhook idempotent; the outcome is kept to
-- answer a retry the same way.
CREATE TABLE "payments_gateway_events" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "gateway" text NOT NULL,
  "event_id" text NOT NULL,
  "dossier_id" uuid REFERENCES "dossiers"("id") ON DELETE SET NULL,
  "amount" bigint NOT NULL,
  "outcome" text NOT NULL,
  "received_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "payments_gateway_events_uq" UNIQUE ("gateway", "event_id")
);
