CREATE TABLE "procurement_notices" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"identifier" text NOT NULL,
	"release" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid NOT NULL,
	CONSTRAINT "procurement_notices_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "ocds_prefix" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "light_touch" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "voluntary_standstill" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "procurement_notices" ADD CONSTRAINT "procurement_notices_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_notices" ADD CONSTRAINT "procurement_notices_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_notices_subject_idx" ON "procurement_notices" USING btree ("organisation_id","vehicle_id","kind","subject");--> statement-breakpoint
CREATE UNIQUE INDEX "procurement_notices_identifier_idx" ON "procurement_notices" USING btree ("organisation_id","identifier");--> statement-breakpoint
CREATE INDEX "procurement_notices_published_idx" ON "procurement_notices" USING btree ("organisation_id","published_at");