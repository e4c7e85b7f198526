CREATE TYPE "public"."sync_item_status" AS ENUM('pending', 'posted', 'failed', 'ready_to_sync', 'resolved', 'skipped_paused', 'before_connection');--> statement-breakpoint
CREATE TYPE "public"."sync_record_type" AS ENUM('transaction', 'fee', 'deposit');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('running', 'succeeded', 'partly_failed', 'stopped', 'failed');--> statement-breakpoint
CREATE TABLE "qbo_references" (
	"connection_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"qbo_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"record_type" "sync_record_type" NOT NULL,
	"record_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"status" "sync_item_status" NOT NULL,
	"qbo_entity" text,
	"qbo_id" text,
	"doc_number" text,
	"qbo_total_minor" bigint,
	"mapping_version" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"in_flight_since" timestamp with time zone,
	"fault_code" text,
	"fault_message" text,
	"fault_detail" text,
	"fault_element" text,
	"posted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"through_date" date NOT NULL,
	"status" "sync_run_status" DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"summary" jsonb,
	"message" text
);
--> statement-breakpoint
ALTER TABLE "qbo_references" ADD CONSTRAINT "qbo_references_connection_id_qbo_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."qbo_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_items" ADD CONSTRAINT "sync_items_connection_id_qbo_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."qbo_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_items" ADD CONSTRAINT "sync_items_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_items" ADD CONSTRAINT "sync_items_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connection_id_qbo_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."qbo_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "qbo_references_key" ON "qbo_references" USING btree ("connection_id","kind","key");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_items_record" ON "sync_items" USING btree ("connection_id","record_type","record_id");--> statement-breakpoint
CREATE INDEX "sync_items_connection_status" ON "sync_items" USING btree ("connection_id","status","business_date");--> statement-breakpoint
CREATE INDEX "sync_items_connection_date" ON "sync_items" USING btree ("connection_id","business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_running" ON "sync_runs" USING btree ("connection_id") WHERE "sync_runs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "sync_runs_connection_started" ON "sync_runs" USING btree ("connection_id","started_at");