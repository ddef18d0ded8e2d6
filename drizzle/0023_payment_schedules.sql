CREATE TABLE "payment_lines" (
	"organisation_id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"kind" text NOT NULL,
	"placement_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"provider_name" text NOT NULL,
	"case_reference" text NOT NULL,
	"payment_route" text NOT NULL,
	"for_starts_on" date NOT NULL,
	"for_period" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date NOT NULL,
	"days" integer NOT NULL,
	"weekly_price_pence" integer,
	"gross_pence" integer NOT NULL,
	"contribution_pence" integer NOT NULL,
	"nhs_percent" integer NOT NULL,
	"nhs_share_pence" integer NOT NULL,
	"net_pence" integer NOT NULL,
	"nhs_partner_id" uuid,
	"reason" text,
	"supplier_reference" text,
	"cost_centre" text,
	CONSTRAINT "payment_lines_pk" PRIMARY KEY("organisation_id","schedule_id","line_number")
);
--> statement-breakpoint
CREATE TABLE "payment_schedules" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"year" integer NOT NULL,
	"period" integer NOT NULL,
	"period_kind" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text NOT NULL,
	"line_count" integer NOT NULL,
	"gross_pence" integer NOT NULL,
	"contribution_pence" integer NOT NULL,
	"nhs_share_pence" integer NOT NULL,
	"net_pence" integer NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"generated_by" uuid,
	"exported_at" timestamp with time zone,
	"exported_by" uuid,
	CONSTRAINT "payment_schedules_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "payment_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"period_kind" text NOT NULL,
	"cost_centres" jsonb NOT NULL,
	"nhs_partner_id" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "payment_supplier_references" (
	"organisation_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "payment_supplier_references_pk" PRIMARY KEY("organisation_id","provider_id")
);
--> statement-breakpoint
ALTER TABLE "payment_lines" ADD CONSTRAINT "payment_lines_schedule_fk" FOREIGN KEY ("organisation_id","schedule_id") REFERENCES "public"."payment_schedules"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_schedules" ADD CONSTRAINT "payment_schedules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_schedules" ADD CONSTRAINT "payment_schedules_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_schedules" ADD CONSTRAINT "payment_schedules_exported_by_users_id_fk" FOREIGN KEY ("exported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_settings" ADD CONSTRAINT "payment_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_settings" ADD CONSTRAINT "payment_settings_nhs_partner_id_organisations_id_fk" FOREIGN KEY ("nhs_partner_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_settings" ADD CONSTRAINT "payment_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_supplier_references" ADD CONSTRAINT "payment_supplier_references_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_supplier_references" ADD CONSTRAINT "payment_supplier_references_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_supplier_references" ADD CONSTRAINT "payment_supplier_references_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_lines_placement_idx" ON "payment_lines" USING btree ("organisation_id","placement_id","for_starts_on");--> statement-breakpoint
CREATE INDEX "payment_lines_provider_idx" ON "payment_lines" USING btree ("provider_id","schedule_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_schedules_id_idx" ON "payment_schedules" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_schedules_period_idx" ON "payment_schedules" USING btree ("organisation_id","starts_on");