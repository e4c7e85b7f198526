CREATE TYPE "public"."country" AS ENUM('CA', 'US');--> statement-breakpoint
CREATE TYPE "public"."currency" AS ENUM('CAD', 'USD');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('en', 'fr-CA');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('owner', 'accountant', 'staff');--> statement-breakpoint
CREATE TYPE "public"."card_brand" AS ENUM('visa', 'mastercard', 'amex', 'discover', 'interac', 'jcb', 'unionpay', 'other');--> statement-breakpoint
CREATE TYPE "public"."fee_kind" AS ENUM('processing', 'service', 'chargeback', 'monthly');--> statement-breakpoint
CREATE TYPE "public"."transaction_kind" AS ENUM('sale', 'refund', 'chargeback', 'chargeback_reversal');--> statement-breakpoint
CREATE TABLE "businesses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" text NOT NULL,
	"legal_name" text NOT NULL,
	"country" "country" NOT NULL,
	"region" text NOT NULL,
	"currency" "currency" NOT NULL,
	"timezone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "businesses_merchant_id_unique" UNIQUE("merchant_id")
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"email" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"role" "membership_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_business_id_pk" PRIMARY KEY("user_id","business_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"password_hash" text,
	"locale" "locale" DEFAULT 'en' NOT NULL,
	"is_support" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "card_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"processor_id" text NOT NULL,
	"kind" "transaction_kind" NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" "currency" NOT NULL,
	"card_brand" "card_brand" NOT NULL,
	"last4" char(4) NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"business_date" date NOT NULL,
	"original_transaction_id" uuid,
	"tax_minor" bigint,
	"tip_minor" bigint,
	"deposit_id" uuid,
	"payload_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"processor_id" text NOT NULL,
	"kind" "fee_kind" NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" "currency" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"business_date" date NOT NULL,
	"transaction_id" uuid,
	"deposit_id" uuid,
	"payload_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlement_deposits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_id" uuid NOT NULL,
	"processor_id" text NOT NULL,
	"deposit_date" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" "currency" NOT NULL,
	"bank_last4" char(4) NOT NULL,
	"sales_minor" bigint NOT NULL,
	"refunds_minor" bigint NOT NULL,
	"chargebacks_minor" bigint NOT NULL,
	"reversals_minor" bigint NOT NULL,
	"fees_minor" bigint NOT NULL,
	"payload_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_transactions" ADD CONSTRAINT "card_transactions_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_transactions" ADD CONSTRAINT "card_transactions_original_transaction_id_card_transactions_id_fk" FOREIGN KEY ("original_transaction_id") REFERENCES "public"."card_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_transactions" ADD CONSTRAINT "card_transactions_deposit_id_settlement_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."settlement_deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fees" ADD CONSTRAINT "fees_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fees" ADD CONSTRAINT "fees_transaction_id_card_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."card_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fees" ADD CONSTRAINT "fees_deposit_id_settlement_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."settlement_deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_deposits" ADD CONSTRAINT "settlement_deposits_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_business_idx" ON "memberships" USING btree ("business_id");--> statement-breakpoint
CREATE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "card_transactions_business_processor_id" ON "card_transactions" USING btree ("business_id","processor_id");--> statement-breakpoint
CREATE INDEX "card_transactions_business_occurred" ON "card_transactions" USING btree ("business_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "card_transactions_business_kind_occurred" ON "card_transactions" USING btree ("business_id","kind","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "card_transactions_deposit" ON "card_transactions" USING btree ("deposit_id") WHERE "card_transactions"."deposit_id" is not null;--> statement-breakpoint
CREATE INDEX "card_transactions_business_date" ON "card_transactions" USING btree ("business_id","business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "fees_business_processor_id" ON "fees" USING btree ("business_id","processor_id");--> statement-breakpoint
CREATE INDEX "fees_deposit" ON "fees" USING btree ("deposit_id") WHERE "fees"."deposit_id" is not null;--> statement-breakpoint
CREATE INDEX "fees_business_date" ON "fees" USING btree ("business_id","business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_deposits_business_processor_id" ON "settlement_deposits" USING btree ("business_id","processor_id");--> statement-breakpoint
CREATE INDEX "settlement_deposits_business_date" ON "settlement_deposits" USING btree ("business_id","deposit_date","id");