CREATE TABLE "risk_models" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"change_note" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_models_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "risk_snapshots" (
	"organisation_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"computed_on" date NOT NULL,
	"model_version" integer NOT NULL,
	"score" integer NOT NULL,
	"colour" text NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "risk_snapshots_pk" PRIMARY KEY("organisation_id","service_id","computed_on")
);
--> statement-breakpoint
CREATE TABLE "service_risks" (
	"organisation_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"computed_on" date NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"model_version" integer NOT NULL,
	"score" integer NOT NULL,
	"colour" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"indicators" jsonb NOT NULL,
	"previous_on" date,
	"previous_score" integer,
	"previous_colour" text,
	"earlier_on" date,
	"earlier_score" integer,
	"earlier_colour" text,
	"colour_since" date NOT NULL,
	CONSTRAINT "service_risks_pk" PRIMARY KEY("organisation_id","service_id")
);
--> statement-breakpoint
ALTER TABLE "risk_models" ADD CONSTRAINT "risk_models_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_models" ADD CONSTRAINT "risk_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_risks" ADD CONSTRAINT "service_risks_service_fk" FOREIGN KEY ("organisation_id","service_id") REFERENCES "public"."contracted_services"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "risk_models_version_idx" ON "risk_models" USING btree ("organisation_id","version");--> statement-breakpoint
CREATE INDEX "risk_snapshots_day_idx" ON "risk_snapshots" USING btree ("organisation_id","computed_on");--> statement-breakpoint
CREATE INDEX "service_risks_colour_idx" ON "service_risks" USING btree ("organisation_id","colour","score");