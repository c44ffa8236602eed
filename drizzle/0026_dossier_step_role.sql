ALTER TABLE "dossiers" ADD COLUMN "step_role" text;--> statement-breakpoint
-- Backfill from the procedure version each dossier was filed under (the role of the step in progress).
UPDATE "dossiers" d SET "step_role" = pv."workflow" -> d."workflow_step" ->> 'role'
  FROM "procedure_versions" pv
  WHERE pv."id" = d."procedure_version_id" AND d."status" IN ('received', 'processing', 'approved');--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "dossiers_work_idx" ON "dossiers" USING btree ("status","step_role","unit_code","due_date") WHERE "finished_at" IS NULL AND "status" <> 'draft';
