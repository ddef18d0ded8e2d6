CREATE TABLE "kpi_definitions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"numerator_label" text NOT NULL,
	"denominator_label" text NOT NULL,
	"summary_phrase" text NOT NULL,
	"measure" text NOT NULL,
	"target" integer NOT NULL,
	"direction" text NOT NULL,
	"amber_tolerance" integer NOT NULL,
	"frequency" text DEFAULT 'quarterly' NOT NULL,
	"source" text DEFAULT 'return' NOT NULL,
	"first_quarter" text NOT NULL,
	"retired_after" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kpi_definitions_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "kpi_return_values" (
	"organisation_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"kpi_id" uuid NOT NULL,
	"numerator" integer NOT NULL,
	"denominator" integer NOT NULL,
	CONSTRAINT "kpi_return_values_pk" PRIMARY KEY("organisation_id","return_id","kpi_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_returns" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"due_on" date NOT NULL,
	"submitted_on" date NOT NULL,
	"late" boolean NOT NULL,
	"version" integer NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kpi_returns_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "quality_settings" ADD COLUMN "kpi_return_working_days" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_definitions" ADD CONSTRAINT "kpi_definitions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_definitions" ADD CONSTRAINT "kpi_definitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_definitions" ADD CONSTRAINT "kpi_definitions_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_return_values" ADD CONSTRAINT "kpi_return_values_return_fk" FOREIGN KEY ("organisation_id","return_id") REFERENCES "public"."kpi_returns"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_return_values" ADD CONSTRAINT "kpi_return_values_kpi_fk" FOREIGN KEY ("organisation_id","kpi_id") REFERENCES "public"."kpi_definitions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_returns" ADD CONSTRAINT "kpi_returns_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_returns" ADD CONSTRAINT "kpi_returns_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_returns" ADD CONSTRAINT "kpi_returns_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_returns" ADD CONSTRAINT "kpi_returns_membership_fk" FOREIGN KEY ("organisation_id","membership_id") REFERENCES "public"."memberships"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_definitions_vehicle_idx" ON "kpi_definitions" USING btree ("organisation_id","vehicle_id");--> statement-breakpoint
CREATE INDEX "kpi_return_values_kpi_idx" ON "kpi_return_values" USING btree ("organisation_id","kpi_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kpi_returns_membership_quarter_idx" ON "kpi_returns" USING btree ("organisation_id","membership_id","quarter");--> statement-breakpoint
CREATE INDEX "kpi_returns_vehicle_quarter_idx" ON "kpi_returns" USING btree ("organisation_id","vehicle_id","quarter");--> statement-breakpoint
CREATE INDEX "kpi_returns_provider_idx" ON "kpi_returns" USING btree ("provider_id","quarter");