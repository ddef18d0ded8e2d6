CREATE TABLE "assessment_matrices" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"matrix" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "cascade_steps" (
	"organisation_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"step" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" uuid,
	"excluded" jsonb NOT NULL,
	"empty_because" text,
	CONSTRAINT "cascade_steps_pk" PRIMARY KEY("organisation_id","referral_id","step")
);
--> statement-breakpoint
CREATE TABLE "embargoes" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"starts_on" date NOT NULL,
	"lifted_on" date,
	"lifted_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "embargoes_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "idempotent_requests" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotent_requests_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "need_assessments" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"assessor_name" text NOT NULL,
	"recorded_by" uuid,
	"scores" jsonb NOT NULL,
	"band" text NOT NULL,
	"total" integer NOT NULL,
	"band_reason" text NOT NULL,
	"one_to_one_minutes_per_week" integer NOT NULL,
	"night_support" text NOT NULL,
	"required_features" text[] NOT NULL,
	"traits" text[] NOT NULL,
	"avoids" text[] NOT NULL,
	"must_not_live_with" uuid[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "need_assessments_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"step" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"membership_id" uuid,
	"reason" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"respond_by" date NOT NULL,
	"status" text NOT NULL,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"decline_reason" text,
	"decline_note" text,
	"proposal" jsonb,
	CONSTRAINT "offers_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"case_reference" text NOT NULL,
	"nhs_number" text,
	"client_groups" text[] NOT NULL,
	"home_zone_id" uuid,
	"in_county" boolean NOT NULL,
	"payment_route" text NOT NULL,
	"funding" jsonb NOT NULL,
	"status" text NOT NULL,
	"contribution_pence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "people_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"tenancy_id" uuid,
	"provider_id" uuid NOT NULL,
	"vehicle_id" uuid,
	"membership_id" uuid,
	"lot_id" uuid,
	"off_framework" boolean NOT NULL,
	"off_framework_reason" text,
	"referral_id" uuid,
	"offer_id" uuid,
	"choice_reason" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"end_reason" text,
	"one_to_one_minutes_per_week" integer NOT NULL,
	"core_share_minutes_per_week" integer NOT NULL,
	"tenants_at_start" integer NOT NULL,
	"night_support" text NOT NULL,
	"funding" jsonb NOT NULL,
	"payment_route" text NOT NULL,
	"price_basis" text NOT NULL,
	"weekly_price_pence" integer NOT NULL,
	"price_lines" jsonb NOT NULL,
	"contribution_pence" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "placements_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "rate_cards" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"lot_id" uuid,
	"effective_from" date NOT NULL,
	"rates" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "rate_cards_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"referred_by" uuid NOT NULL,
	"start_by" date NOT NULL,
	"zone_ids" uuid[] NOT NULL,
	"urgency" text NOT NULL,
	"notes" text,
	"status" text NOT NULL,
	"step" text,
	"off_framework_provider_id" uuid,
	"off_framework_reason" text,
	"off_framework_approved_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referrals_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "schemes" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"housing_provider_name" text NOT NULL,
	"housing_provider_registration" text,
	"address_line1" text NOT NULL,
	"town_city" text NOT NULL,
	"postcode" text NOT NULL,
	"zone_id" uuid NOT NULL,
	"accommodation_band" text NOT NULL,
	"cluster_group" text,
	"care_provider_id" uuid,
	"membership_id" uuid,
	"core_minutes_per_week" integer NOT NULL,
	"night_cover" text NOT NULL,
	"waking_night_minutes" integer NOT NULL,
	"expected_ready_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "schemes_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "tenancies" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"end_reason" text,
	CONSTRAINT "tenancies_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"features" text[] NOT NULL,
	"available_from" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "units_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "offer_response_working_days" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "tier2_mode" text DEFAULT 'existing-schemes' NOT NULL;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "ranking_rule" text DEFAULT 'tier-rank' NOT NULL;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "ranking_quality_percent" integer;--> statement-breakpoint
ALTER TABLE "assessment_matrices" ADD CONSTRAINT "assessment_matrices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_matrices" ADD CONSTRAINT "assessment_matrices_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cascade_steps" ADD CONSTRAINT "cascade_steps_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cascade_steps" ADD CONSTRAINT "cascade_steps_referral_fk" FOREIGN KEY ("organisation_id","referral_id") REFERENCES "public"."referrals"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embargoes" ADD CONSTRAINT "embargoes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embargoes" ADD CONSTRAINT "embargoes_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "embargoes" ADD CONSTRAINT "embargoes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotent_requests" ADD CONSTRAINT "idempotent_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_assessments" ADD CONSTRAINT "need_assessments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_assessments" ADD CONSTRAINT "need_assessments_person_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_referral_fk" FOREIGN KEY ("organisation_id","referral_id") REFERENCES "public"."referrals"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_zone_fk" FOREIGN KEY ("organisation_id","home_zone_id") REFERENCES "public"."zones"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_person_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_cards" ADD CONSTRAINT "rate_cards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referred_by_users_id_fk" FOREIGN KEY ("referred_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_off_framework_provider_id_providers_id_fk" FOREIGN KEY ("off_framework_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_off_framework_approved_by_users_id_fk" FOREIGN KEY ("off_framework_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schemes" ADD CONSTRAINT "schemes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schemes" ADD CONSTRAINT "schemes_care_provider_id_providers_id_fk" FOREIGN KEY ("care_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schemes" ADD CONSTRAINT "schemes_zone_fk" FOREIGN KEY ("organisation_id","zone_id") REFERENCES "public"."zones"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenancies" ADD CONSTRAINT "tenancies_unit_fk" FOREIGN KEY ("organisation_id","unit_id") REFERENCES "public"."units"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenancies" ADD CONSTRAINT "tenancies_person_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_scheme_fk" FOREIGN KEY ("organisation_id","scheme_id") REFERENCES "public"."schemes"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "embargoes_provider_idx" ON "embargoes" USING btree ("organisation_id","provider_id");--> statement-breakpoint
CREATE INDEX "need_assessments_person_idx" ON "need_assessments" USING btree ("organisation_id","person_id","assessed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_id_idx" ON "offers" USING btree ("id");--> statement-breakpoint
CREATE INDEX "offers_referral_idx" ON "offers" USING btree ("organisation_id","referral_id");--> statement-breakpoint
CREATE INDEX "offers_provider_idx" ON "offers" USING btree ("provider_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "people_id_idx" ON "people" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_case_reference_idx" ON "people" USING btree ("organisation_id","case_reference");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("organisation_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "placements_id_idx" ON "placements" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "placements_current_person_idx" ON "placements" USING btree ("organisation_id","person_id") WHERE "placements"."ends_on" is null;--> statement-breakpoint
CREATE INDEX "placements_dates_idx" ON "placements" USING btree ("organisation_id","starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "placements_provider_idx" ON "placements" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "rate_cards_vehicle_idx" ON "rate_cards" USING btree ("organisation_id","vehicle_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_id_idx" ON "referrals" USING btree ("id");--> statement-breakpoint
CREATE INDEX "referrals_status_idx" ON "referrals" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "schemes_id_idx" ON "schemes" USING btree ("id");--> statement-breakpoint
CREATE INDEX "schemes_provider_idx" ON "schemes" USING btree ("care_provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenancies_current_unit_idx" ON "tenancies" USING btree ("organisation_id","unit_id") WHERE "tenancies"."ends_on" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "tenancies_current_person_idx" ON "tenancies" USING btree ("organisation_id","person_id") WHERE "tenancies"."ends_on" is null;--> statement-breakpoint
CREATE INDEX "tenancies_unit_idx" ON "tenancies" USING btree ("organisation_id","unit_id","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "units_id_idx" ON "units" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_name_idx" ON "units" USING btree ("organisation_id","scheme_id","name");