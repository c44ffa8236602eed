-- Issue 11 part 3 and part 4 (push): deadline rules as data, reminders sent, IOC deliveries.
CREATE TABLE IF NOT EXISTS "indicator_deadline_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"periodicity" text NOT NULL,
	"working_days_after_end" integer NOT NULL,
	"remind_working_days_before" integer DEFAULT 2 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"basis" text DEFAULT '' NOT NULL,
	CONSTRAINT "indicator_deadline_rules_periodicity_ck" CHECK ("periodicity" IN ('month','quarter','year')),
	CONSTRAINT "indicator_deadline_rules_days_ck" CHECK ("working_days_after_end" >= 0 AND "remind_working_days_before" >= 0)
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "indicator_deadline_rules_uq" ON "indicator_deadline_rules" USING btree ("periodicity","valid_from");--> statement-breakpoint
INSERT INTO "indicator_deadline_rules" ("periodicity","working_days_after_end","remind_working_days_before","valid_from","basis") VALUES
	('month', 3, 1, '2020-01-01', 'Quy định nội bộ của Sở về báo cáo thống kê tháng (dữ liệu mẫu, đơn vị sửa theo quy chế của mình)'),
	('quarter', 5, 2, '2020-01-01', 'Ngày làm việc thứ 5 sau khi kết thúc quý: hạn gửi số liệu cho Trung tâm Điều hành thông minh (IOC) của tỉnh'),
	('year', 10, 3, '2020-01-01', 'Ngày làm việc thứ 10 sau khi kết thúc năm: báo cáo thống kê năm')
ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_reminders" (
	"period_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_reminders_pk" PRIMARY KEY("period_code","unit_code","kind","due_on"),
	CONSTRAINT "indicator_reminders_kind_ck" CHECK ("kind" IN ('near','overdue'))
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "indicator_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_code" text NOT NULL,
	"trigger" text NOT NULL,
	"unit_code" text,
	"endpoint" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"http_status" integer,
	"last_error" text,
	"payload" text NOT NULL,
	"payload_hash" text NOT NULL,
	"payload_bytes" integer NOT NULL,
	"observations" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"duration_ms" integer,
	CONSTRAINT "indicator_deliveries_status_ck" CHECK ("status" IN ('pending','retrying','delivered','failed')),
	CONSTRAINT "indicator_deliveries_trigger_ck" CHECK ("trigger" IN ('report','period','resend','correction'))
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_deliveries_period_idx" ON "indicator_deliveries" USING btree ("period_code","created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "indicator_deliveries_status_idx" ON "indicator_deliveries" USING btree ("status","created_at");
