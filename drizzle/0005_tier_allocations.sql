CREATE TABLE "tier_allocations" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"rule" text NOT NULL,
	"input" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"reason" text,
	"confirmed_by" uuid NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tier_allocations_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "tier_allocations" ADD CONSTRAINT "tier_allocations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_allocations" ADD CONSTRAINT "tier_allocations_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tier_allocations_vehicle_idx" ON "tier_allocations" USING btree ("vehicle_id","confirmed_at");