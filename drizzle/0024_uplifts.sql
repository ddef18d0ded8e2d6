CREATE TABLE "uplift_letters" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"uplift_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "uplift_letters_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "uplifts" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"status" text NOT NULL,
	"staff_share_basis_points" integer NOT NULL,
	"exercise_id" uuid,
	"staff_share_source" text NOT NULL,
	"nlw_before_pence" integer NOT NULL,
	"nlw_after_pence" integer NOT NULL,
	"price_index" text NOT NULL,
	"index_basis_points" integer NOT NULL,
	"index_month" text NOT NULL,
	"index_source" text NOT NULL,
	"flat_basis_points" integer,
	"method" text NOT NULL,
	"decision_reference" text,
	"cards" jsonb,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "uplifts_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "uplift_letters" ADD CONSTRAINT "uplift_letters_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uplift_letters" ADD CONSTRAINT "uplift_letters_uplift_fk" FOREIGN KEY ("organisation_id","uplift_id") REFERENCES "public"."uplifts"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uplifts" ADD CONSTRAINT "uplifts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uplifts" ADD CONSTRAINT "uplifts_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uplifts" ADD CONSTRAINT "uplifts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uplift_letters_provider_idx" ON "uplift_letters" USING btree ("organisation_id","uplift_id","provider_id");--> statement-breakpoint
CREATE INDEX "uplift_letters_provider_only_idx" ON "uplift_letters" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "uplifts_vehicle_idx" ON "uplifts" USING btree ("organisation_id","vehicle_id","effective_from");