DROP INDEX "dossiers_submitted_idx";--> statement-breakpoint
CREATE INDEX "dossiers_submitted_idx" ON "dossiers" USING btree ("submitted_at","id");