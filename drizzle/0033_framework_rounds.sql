CREATE TABLE "vehicle_rounds" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"opens_on" date NOT NULL,
	"clarification_deadline" date,
	"submission_deadline" date,
	"reason" text,
	"opened_by" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vehicle_rounds_pk" PRIMARY KEY("organisation_id","vehicle_id","number")
);
--> statement-breakpoint
DROP INDEX "applications_provider_idx";--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "round_number" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "award_decisions" ADD COLUMN "round_number" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "round_number" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tier_allocations" ADD COLUMN "round_number" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "vehicle_rounds" ADD CONSTRAINT "vehicle_rounds_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_rounds" ADD CONSTRAINT "vehicle_rounds_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_provider_idx" ON "applications" USING btree ("organisation_id","vehicle_id","round_number","provider_id");--> statement-breakpoint
-- Every framework already advertised had its first round: round 1, with the vehicle's own dates.
-- Existing applications, memberships, tier allocations and award decisions are round 1's (the columns' default).
INSERT INTO "vehicle_rounds" ("organisation_id", "vehicle_id", "number", "opens_on", "clarification_deadline", "submission_deadline", "opened_at")
SELECT "organisation_id", "id", 1, coalesce("advert_on", ("created_at" at time zone 'Europe/London')::date), "clarification_deadline", "submission_deadline", "updated_at"
FROM "vehicles"
WHERE "kind" IN ('framework', 'open-framework') AND "status" <> 'draft';
