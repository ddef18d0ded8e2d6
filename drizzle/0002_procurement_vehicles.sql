CREATE TABLE "lots" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"need_band" text NOT NULL,
	"service_type" text NOT NULL,
	"title" text NOT NULL,
	CONSTRAINT "lots_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "vehicle_partners" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"partner_organisation_id" uuid NOT NULL,
	"funding_share_basis_points" integer NOT NULL,
	CONSTRAINT "vehicle_partners_pk" PRIMARY KEY("organisation_id","vehicle_id","partner_organisation_id")
);
--> statement-breakpoint
CREATE TABLE "vehicle_zones" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"tier1_places" integer,
	CONSTRAINT "vehicle_zones_pk" PRIMARY KEY("organisation_id","vehicle_id","zone_id")
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reference" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"regime" text NOT NULL,
	"status" text NOT NULL,
	"value_pence" bigint,
	"advert_on" date,
	"clarification_deadline" date,
	"submission_deadline" date,
	"award_on" date,
	"contract_start_on" date,
	"contract_end_on" date,
	"extension_options" text,
	"nation" text NOT NULL,
	"stages" text[] NOT NULL,
	"prices_fixed" boolean NOT NULL,
	"quality_weight_percent" integer NOT NULL,
	"score_scale_max" integer NOT NULL,
	"tiered" boolean NOT NULL,
	"max_tier1_zones_per_provider" integer,
	"quality_threshold" numeric(6, 2),
	"allocation_rule" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vehicles_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_vehicle_zone_fk" FOREIGN KEY ("organisation_id","vehicle_id","zone_id") REFERENCES "public"."vehicle_zones"("organisation_id","vehicle_id","zone_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_partners" ADD CONSTRAINT "vehicle_partners_partner_organisation_id_organisations_id_fk" FOREIGN KEY ("partner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_partners" ADD CONSTRAINT "vehicle_partners_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_zones" ADD CONSTRAINT "vehicle_zones_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_zones" ADD CONSTRAINT "vehicle_zones_zone_fk" FOREIGN KEY ("organisation_id","zone_id") REFERENCES "public"."zones"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lots_id_idx" ON "lots" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "lots_combination_idx" ON "lots" USING btree ("organisation_id","vehicle_id","zone_id","need_band","service_type");--> statement-breakpoint
CREATE INDEX "vehicle_partners_partner_idx" ON "vehicle_partners" USING btree ("partner_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_id_idx" ON "vehicles" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_reference_idx" ON "vehicles" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE INDEX "vehicles_status_idx" ON "vehicles" USING btree ("status");