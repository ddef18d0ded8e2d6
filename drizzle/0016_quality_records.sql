CREATE TABLE "contracted_services" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"location_id" uuid,
	"name" text NOT NULL,
	"postcode" text,
	"zone_id" uuid,
	"contracted_from" date NOT NULL,
	"officer_id" uuid,
	"ended_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contracted_services_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "quality_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"assessment_interval_months" integer NOT NULL,
	"factual_accuracy_working_days" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_updates" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"filename" text,
	"content_type" text,
	"content" "bytea",
	"size" integer,
	"made_by" uuid,
	"made_at" timestamp with time zone NOT NULL,
	CONSTRAINT "action_updates_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_actions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"question_key" text NOT NULL,
	"title" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_actions_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_comments" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"question_key" text NOT NULL,
	"comment" text NOT NULL,
	"commented_by" uuid,
	"commented_at" timestamp with time zone NOT NULL,
	"decision" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "assessment_comments_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_evidence" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"question_key" text NOT NULL,
	"kind" text NOT NULL,
	"seen_on" date NOT NULL,
	"note" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_evidence_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_ratings" (
	"organisation_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"question_key" text NOT NULL,
	"rating" text NOT NULL,
	"reason" text NOT NULL,
	"rated_by" uuid,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_ratings_pk" PRIMARY KEY("organisation_id","assessment_id","question_key")
);
--> statement-breakpoint
CREATE TABLE "quality_assessments" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"framework_version" integer NOT NULL,
	"visit_kind" text NOT NULL,
	"visit_on" date NOT NULL,
	"officer_ids" uuid[] NOT NULL,
	"status" text NOT NULL,
	"sent_on" date,
	"comments_due_on" date,
	"published_on" date,
	"published_unanswered" boolean DEFAULT false NOT NULL,
	"action_plan_closed_on" date,
	"published_ratings" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "quality_assessments_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "contract_actions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"membership_id" uuid,
	"service_id" uuid,
	"placement_id" uuid,
	"embargo_id" uuid,
	"reason" text NOT NULL,
	"starts_on" date NOT NULL,
	"due_on" date,
	"details" jsonb NOT NULL,
	"ended_on" date,
	"ended_reason" text,
	"decided_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "contract_actions_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "transition_moves" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"receiving_provider_id" uuid,
	"receiving_membership_id" uuid,
	"moved_on" date,
	CONSTRAINT "transition_moves_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "transition_plans" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"contract_action_id" uuid,
	"cause" text NOT NULL,
	"vehicle_id" uuid,
	"target_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "transition_plans_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "intelligence_entries" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"service_id" uuid,
	"provider_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"occurred_on" date NOT NULL,
	"summary" text NOT NULL,
	"source" text NOT NULL,
	"outcome" text,
	"outcome_reason" text,
	"rating" text,
	"external_id" text,
	"person_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "intelligence_entries_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_links" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"respondent" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_on" date NOT NULL,
	"used_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_links_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"service_id" uuid,
	"provider_id" uuid NOT NULL,
	"respondent" text NOT NULL,
	"method" text NOT NULL,
	"answers" jsonb NOT NULL,
	"answered_on" date NOT NULL,
	"entered_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_responses_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "contracted_services" ADD CONSTRAINT "contracted_services_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracted_services" ADD CONSTRAINT "contracted_services_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracted_services" ADD CONSTRAINT "contracted_services_location_id_provider_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."provider_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracted_services" ADD CONSTRAINT "contracted_services_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracted_services" ADD CONSTRAINT "contracted_services_zone_fk" FOREIGN KEY ("organisation_id","zone_id") REFERENCES "public"."zones"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_settings" ADD CONSTRAINT "quality_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_settings" ADD CONSTRAINT "quality_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_made_by_users_id_fk" FOREIGN KEY ("made_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_action_fk" FOREIGN KEY ("organisation_id","action_id") REFERENCES "public"."assessment_actions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_actions" ADD CONSTRAINT "assessment_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_actions" ADD CONSTRAINT "assessment_actions_assessment_fk" FOREIGN KEY ("organisation_id","assessment_id") REFERENCES "public"."quality_assessments"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_comments" ADD CONSTRAINT "assessment_comments_commented_by_users_id_fk" FOREIGN KEY ("commented_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_comments" ADD CONSTRAINT "assessment_comments_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_comments" ADD CONSTRAINT "assessment_comments_assessment_fk" FOREIGN KEY ("organisation_id","assessment_id") REFERENCES "public"."quality_assessments"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_assessment_fk" FOREIGN KEY ("organisation_id","assessment_id") REFERENCES "public"."quality_assessments"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_ratings" ADD CONSTRAINT "assessment_ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_ratings" ADD CONSTRAINT "assessment_ratings_assessment_fk" FOREIGN KEY ("organisation_id","assessment_id") REFERENCES "public"."quality_assessments"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_assessments" ADD CONSTRAINT "quality_assessments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_assessments" ADD CONSTRAINT "quality_assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_assessments" ADD CONSTRAINT "quality_assessments_service_fk" FOREIGN KEY ("organisation_id","service_id") REFERENCES "public"."contracted_services"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_actions" ADD CONSTRAINT "contract_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_actions" ADD CONSTRAINT "contract_actions_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_actions" ADD CONSTRAINT "contract_actions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_actions" ADD CONSTRAINT "contract_actions_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_moves" ADD CONSTRAINT "transition_moves_receiving_provider_id_providers_id_fk" FOREIGN KEY ("receiving_provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_moves" ADD CONSTRAINT "transition_moves_plan_fk" FOREIGN KEY ("organisation_id","plan_id") REFERENCES "public"."transition_plans"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_plans" ADD CONSTRAINT "transition_plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_plans" ADD CONSTRAINT "transition_plans_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_plans" ADD CONSTRAINT "transition_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intelligence_entries" ADD CONSTRAINT "intelligence_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intelligence_entries" ADD CONSTRAINT "intelligence_entries_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intelligence_entries" ADD CONSTRAINT "intelligence_entries_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intelligence_entries" ADD CONSTRAINT "intelligence_entries_service_fk" FOREIGN KEY ("organisation_id","service_id") REFERENCES "public"."contracted_services"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_links" ADD CONSTRAINT "survey_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_links" ADD CONSTRAINT "survey_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contracted_services_location_idx" ON "contracted_services" USING btree ("organisation_id","location_id") WHERE "contracted_services"."location_id" is not null;--> statement-breakpoint
CREATE INDEX "contracted_services_provider_idx" ON "contracted_services" USING btree ("organisation_id","provider_id");--> statement-breakpoint
CREATE INDEX "action_updates_action_idx" ON "action_updates" USING btree ("organisation_id","action_id");--> statement-breakpoint
CREATE INDEX "assessment_actions_assessment_idx" ON "assessment_actions" USING btree ("organisation_id","assessment_id");--> statement-breakpoint
CREATE INDEX "assessment_comments_assessment_idx" ON "assessment_comments" USING btree ("organisation_id","assessment_id");--> statement-breakpoint
CREATE INDEX "assessment_evidence_assessment_idx" ON "assessment_evidence" USING btree ("organisation_id","assessment_id");--> statement-breakpoint
CREATE INDEX "quality_assessments_service_idx" ON "quality_assessments" USING btree ("organisation_id","service_id","visit_on");--> statement-breakpoint
CREATE INDEX "quality_assessments_status_idx" ON "quality_assessments" USING btree ("status","comments_due_on");--> statement-breakpoint
CREATE INDEX "contract_actions_provider_idx" ON "contract_actions" USING btree ("organisation_id","provider_id");--> statement-breakpoint
CREATE INDEX "transition_moves_plan_idx" ON "transition_moves" USING btree ("organisation_id","plan_id");--> statement-breakpoint
CREATE INDEX "intelligence_entries_service_idx" ON "intelligence_entries" USING btree ("organisation_id","service_id","occurred_on");--> statement-breakpoint
CREATE INDEX "intelligence_entries_provider_idx" ON "intelligence_entries" USING btree ("organisation_id","provider_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_links_token_idx" ON "survey_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "survey_responses_service_idx" ON "survey_responses" USING btree ("organisation_id","service_id");--> statement-breakpoint
CREATE INDEX "survey_responses_provider_idx" ON "survey_responses" USING btree ("organisation_id","provider_id");