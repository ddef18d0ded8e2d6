CREATE TABLE "award_decisions" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"notice_date" date NOT NULL,
	"standstill_regime" text NOT NULL,
	"standstill_ends" date NOT NULL,
	"earliest_contract_date" date NOT NULL,
	"explanation" text NOT NULL,
	"tier_allocation_id" uuid,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "award_decisions_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"tier" text,
	"status" text NOT NULL,
	"start_on" date,
	"end_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "memberships_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "award_decisions" ADD CONSTRAINT "award_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_decisions" ADD CONSTRAINT "award_decisions_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_lot_fk" FOREIGN KEY ("organisation_id","lot_id") REFERENCES "public"."lots"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_application_fk" FOREIGN KEY ("organisation_id","application_id") REFERENCES "public"."applications"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "award_decisions_vehicle_idx" ON "award_decisions" USING btree ("vehicle_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_lot_provider_idx" ON "memberships" USING btree ("organisation_id","lot_id","provider_id");--> statement-breakpoint
CREATE INDEX "memberships_vehicle_idx" ON "memberships" USING btree ("vehicle_id");--> statement-breakpoint
CREATE INDEX "memberships_provider_idx" ON "memberships" USING btree ("provider_id");