CREATE TABLE "answers" (
	"organisation_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"meets_requirement" boolean,
	"text" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "answers_pk" PRIMARY KEY("organisation_id","application_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"status" text NOT NULL,
	"lot_ids" uuid[] NOT NULL,
	"submitted_at" timestamp with time zone,
	"decision_due_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "applications_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "lot_prices" (
	"organisation_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"weekly_rate_pence" bigint NOT NULL,
	CONSTRAINT "lot_prices_pk" PRIMARY KEY("organisation_id","application_id","lot_id")
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"guidance" text,
	"word_limit" integer,
	"weight_percent" integer,
	CONSTRAINT "questions_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_application_fk" FOREIGN KEY ("organisation_id","application_id") REFERENCES "public"."applications"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_question_fk" FOREIGN KEY ("organisation_id","question_id") REFERENCES "public"."questions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_prices" ADD CONSTRAINT "lot_prices_application_fk" FOREIGN KEY ("organisation_id","application_id") REFERENCES "public"."applications"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_prices" ADD CONSTRAINT "lot_prices_lot_fk" FOREIGN KEY ("organisation_id","lot_id") REFERENCES "public"."lots"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_id_idx" ON "applications" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_provider_idx" ON "applications" USING btree ("organisation_id","vehicle_id","provider_id");--> statement-breakpoint
CREATE INDEX "applications_status_idx" ON "applications" USING btree ("organisation_id","vehicle_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "questions_id_idx" ON "questions" USING btree ("id");--> statement-breakpoint
CREATE INDEX "questions_vehicle_idx" ON "questions" USING btree ("vehicle_id","position");