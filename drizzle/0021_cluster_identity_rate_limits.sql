-- Identity cache invalidation (ADR 010): every change that can end or narrow a session or API
-- token announces itself on the cluster bus from inside its own transaction, so it reaches every
-- node on COMMIT whichever code path made it (logout, logout everywhere, deactivation, password
-- reset, role or permission change, token revocation, a hand-run UPDATE).
CREATE OR REPLACE FUNCTION vanhien_bus_identity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rec record;
  topic text := 'identity.user';
  payload json;
BEGIN
  IF TG_TABLE_NAME = 'role_permissions' THEN
    topic := 'identity.all';
    payload := 'null'::json;
  ELSE
    IF TG_OP = 'DELETE' THEN rec := OLD; ELSE rec := NEW; END IF;
    IF TG_TABLE_NAME = 'users' THEN
      payload := json_build_object('userId', rec.id);
    ELSE
      payload := json_build_object('userId', rec.user_id);
    END IF;
  END IF;
  -- Same shape as ClusterBus messages; identical notifications in one transaction are sent once.
  PERFORM pg_notify('vanhien_bus', json_build_object('n', 'db', 's', 0, 't', topic, 'p', payload)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "sessions_bus_identity_update" AFTER UPDATE ON "sessions" FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.mfa_pending IS DISTINCT FROM NEW.mfa_pending OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.user_id IS DISTINCT FROM NEW.user_id)
  EXECUTE FUNCTION vanhien_bus_identity();
--> statement-breakpoint
CREATE TRIGGER "sessions_bus_identity_delete" AFTER DELETE ON "sessions" FOR EACH ROW EXECUTE FUNCTION vanhien_bus_identity();
--> statement-breakpoint
CREATE TRIGGER "api_tokens_bus_identity_update" AFTER UPDATE ON "api_tokens" FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.user_id IS DISTINCT FROM NEW.user_id)
  EXECUTE FUNCTION vanhien_bus_identity();
--> statement-breakpoint
CREATE TRIGGER "api_tokens_bus_identity_delete" AFTER DELETE ON "api_tokens" FOR EACH ROW EXECUTE FUNCTION vanhien_bus_identity();
--> statement-breakpoint
-- failed_logins and last-seen style columns change on every login attempt and do not affect an
-- open session: they are left out so a password-guessing run does not flood the bus.
CREATE TRIGGER "users_bus_identity_update" AFTER UPDATE ON "users" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.password_hash IS DISTINCT FROM NEW.password_hash OR OLD.kind IS DISTINCT FROM NEW.kind
    OR OLD.email IS DISTINCT FROM NEW.email OR OLD.full_name IS DISTINCT FROM NEW.full_name OR OLD.totp_enabled IS DISTINCT FROM NEW.totp_enabled)
  EXECUTE FUNCTION vanhien_bus_identity();
--> statement-breakpoint
CREATE TRIGGER "users_bus_identity_delete" AFTER DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION vanhien_bus_identity();
--> statement-breakpoint
CREATE TRIGGER "role_assignments_bus_identity" AFTER INSERT OR UPDATE OR DELETE ON "role_assignments" FOR EACH ROW EXECUTE FUNCTION vanhien_bus_identity();
--> statement-breakpoint
-- A role's permissions touch every holder: one message per statement clears every identity cache.
CREATE TRIGGER "role_permissions_bus_identity" AFTER INSERT OR UPDATE OR DELETE ON "role_permissions" FOR EACH STATEMENT EXECUTE FUNCTION vanhien_bus_identity();
--> statement-breakpoint
-- Rate-limit counters shared by every node (ADR 011): one row per route and client, upserted on
-- every hit. UNLOGGED: no WAL for a counter that only matters for a minute (a PostgreSQL crash
-- empties it; a clean restart of PostgreSQL or of any node keeps it). The client key is stored
-- as a hash: the table never holds an IP address.
CREATE UNLOGGED TABLE IF NOT EXISTS "rate_limit_hits" (
  "key" text PRIMARY KEY NOT NULL,
  "hits" integer NOT NULL,
  "expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "rate_limit_hits_expires_idx" ON "rate_limit_hits" USING btree ("expires_at");
