CREATE TABLE "cost_comparators" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"exercise_id" uuid NOT NULL,
	"council" text NOT NULL,
	"measure" text NOT NULL,
	"pence" integer NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cost_comparators_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "cost_exercise_lines" (
	"organisation_id" uuid NOT NULL,
	"exercise_id" uuid NOT NULL,
	"key" text NOT NULL,
	"group_key" text NOT NULL,
	"label" text NOT NULL,
	"unit" text NOT NULL,
	"optional" boolean NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "cost_exercise_lines_pk" PRIMARY KEY("organisation_id","exercise_id","key")
);
--> statement-breakpoint
CREATE TABLE "cost_exercises" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"financial_year" integer NOT NULL,
	"service_type" text NOT NULL,
	"closing_on" date NOT NULL,
	"vehicle_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	CONSTRAINT "cost_exercises_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "cost_template_lines" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"group_key" text NOT NULL,
	"label" text NOT NULL,
	"unit" text NOT NULL,
	"optional" boolean NOT NULL,
	"position" integer NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cost_template_lines_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "cost_workbooks" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"exercise_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"status" text NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_on" date,
	"submitted_by" uuid,
	"excluded_reason" text,
	"query" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cost_workbooks_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "cost_comparators" ADD CONSTRAINT "cost_comparators_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_comparators" ADD CONSTRAINT "cost_comparators_exercise_fk" FOREIGN KEY ("organisation_id","exercise_id") REFERENCES "public"."cost_exercises"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_exercise_lines" ADD CONSTRAINT "cost_exercise_lines_exercise_fk" FOREIGN KEY ("organisation_id","exercise_id") REFERENCES "public"."cost_exercises"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_exercises" ADD CONSTRAINT "cost_exercises_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_exercises" ADD CONSTRAINT "cost_exercises_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_exercises" ADD CONSTRAINT "cost_exercises_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_template_lines" ADD CONSTRAINT "cost_template_lines_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_workbooks" ADD CONSTRAINT "cost_workbooks_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_workbooks" ADD CONSTRAINT "cost_workbooks_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_workbooks" ADD CONSTRAINT "cost_workbooks_exercise_fk" FOREIGN KEY ("organisation_id","exercise_id") REFERENCES "public"."cost_exercises"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cost_comparators_exercise_idx" ON "cost_comparators" USING btree ("organisation_id","exercise_id");--> statement-breakpoint
CREATE INDEX "cost_template_lines_key_idx" ON "cost_template_lines" USING btree ("organisation_id","key");--> statement-breakpoint
CREATE INDEX "cost_workbooks_exercise_idx" ON "cost_workbooks" USING btree ("organisation_id","exercise_id","provider_id");--> statement-breakpoint
CREATE INDEX "cost_workbooks_provider_idx" ON "cost_workbooks" USING btree ("provider_id");