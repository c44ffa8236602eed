-- Issue 14, staff forms: destinations keep an ordered list of their photos (core images rows,
-- which are never deleted: removing a photo takes it off this list, and the image's access check
-- reads the list); events name their organiser.
ALTER TABLE "tourism_destinations" ADD COLUMN IF NOT EXISTS "photos" jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "tourism_events" ADD COLUMN IF NOT EXISTS "organiser" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "tourism_events" ADD COLUMN IF NOT EXISTS "created_at" timestamp with time zone DEFAULT now() NOT NULL;
