CREATE TABLE "qbo_webhook_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"realm_id" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"operation" text NOT NULL,
	"changed_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_items" ADD COLUMN "intuit_tid" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "failed_calls" jsonb;--> statement-breakpoint
CREATE INDEX "qbo_webhook_notifications_realm_received" ON "qbo_webhook_notifications" USING btree ("realm_id","received_at");--> statement-breakpoint
CREATE INDEX "businesses_merchant_id_search" ON "businesses" USING btree (lower("merchant_id") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "businesses_legal_name_search" ON "businesses" USING btree (lower("legal_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "users_email_search" ON "users" USING btree (lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "qbo_connections_realm_search" ON "qbo_connections" USING btree ("realm_id" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "qbo_connections_company_search" ON "qbo_connections" USING btree (lower("company_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "sync_items_failed_business" ON "sync_items" USING btree ("business_id") WHERE "sync_items"."status" = 'failed';