DROP INDEX "dossiers_submitted_idx";--> statement-breakpoint
DROP INDEX "dossiers_finished_idx";--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "rating" text;--> statement-breakpoint
UPDATE "dossiers" d SET "rating" = r."rating" FROM "dossier_ratings" r WHERE r."dossier_id" = d."id";--> statement-breakpoint
CREATE INDEX "dossiers_open_range_idx" ON "dossiers" USING gist (tstzrange("submitted_at", "finished_at", '(]')) WHERE "dossiers"."status" <> 'draft';--> statement-breakpoint
CREATE INDEX "dossiers_submitted_idx" ON "dossiers" USING btree ("submitted_at","id","status","channel","unit_code","procedure_code");--> statement-breakpoint
CREATE INDEX "dossiers_finished_idx" ON "dossiers" USING btree ("finished_at","status","outcome","unit_code","procedure_code","rating");