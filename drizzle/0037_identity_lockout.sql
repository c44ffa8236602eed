-- Issue 9 leftovers. A "forgot password" request's address and IP wait here for the mail job
-- instead of in pg-boss's job data (kept in its archive); the row is deleted when the job runs.
CREATE TABLE IF NOT EXISTS "password_reset_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"ip" text,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Reset mails queued or archived before this migration carried the address and IP in their data.
DO $$
BEGIN
	IF to_regclass('pgboss.job') IS NOT NULL THEN
		EXECUTE $q$UPDATE pgboss.job SET data = '{}'::jsonb WHERE name = 'identity.reset_mail' AND data ? 'email'$q$;
	END IF;
	IF to_regclass('pgboss.archive') IS NOT NULL THEN
		EXECUTE $q$UPDATE pgboss.archive SET data = '{}'::jsonb WHERE name = 'identity.reset_mail' AND data ? 'email'$q$;
	END IF;
END $$;
--> statement-breakpoint
-- Lock-outs live in login_throttle (per account and address) since migration 0020; nothing reads
-- or writes these two any more, and the admin page showed a lock that never came.
ALTER TABLE "users" DROP COLUMN IF EXISTS "failed_logins";
--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN IF EXISTS "locked_until";
