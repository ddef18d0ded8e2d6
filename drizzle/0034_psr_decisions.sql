CREATE TABLE "psr_decisions" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"process" text NOT NULL,
	"conditions_met" boolean NOT NULL,
	"provider_id" uuid,
	"existing_contract" text,
	"criteria" jsonb NOT NULL,
	"decision_makers" text NOT NULL,
	"conflicts" text NOT NULL,
	"rationale" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"representations_answered_on" date,
	"representations" text,
	CONSTRAINT "psr_decisions_pk" PRIMARY KEY("organisation_id","vehicle_id")
);
--> statement-breakpoint
ALTER TABLE "psr_decisions" ADD CONSTRAINT "psr_decisions_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psr_decisions" ADD CONSTRAINT "psr_decisions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "psr_decisions" ADD CONSTRAINT "psr_decisions_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;