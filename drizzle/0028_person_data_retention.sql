CREATE TABLE "person_erasures" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"erased_at" timestamp with time zone NOT NULL,
	"erased_by" uuid,
	CONSTRAINT "person_erasures_pk" PRIMARY KEY("organisation_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "retention_due" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"due_from" text NOT NULL,
	"found_on" date NOT NULL,
	CONSTRAINT "retention_due_pk" PRIMARY KEY("organisation_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "retention_rules" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"years" integer NOT NULL,
	"basis" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "person_erasures" ADD CONSTRAINT "person_erasures_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_erasures" ADD CONSTRAINT "person_erasures_erased_by_users_id_fk" FOREIGN KEY ("erased_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_due" ADD CONSTRAINT "retention_due_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- One change to an audit event is allowed: redaction, when a person's record is erased. It empties
-- the event's payload (before, after, reason) and touches nothing else; the chain verifies the
-- redacted event against the seal recorded with it (see platform/audit/service.ts).
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
    AND NEW.before IS NULL AND NEW.after IS NULL AND NEW.reason IS NULL
    AND NEW.seq = OLD.seq AND NEW.occurred_at = OLD.occurred_at
    AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id AND NEW.actor_label = OLD.actor_label
    AND NEW.organisation_id IS NOT DISTINCT FROM OLD.organisation_id AND NEW.action = OLD.action
    AND NEW.record_type = OLD.record_type AND NEW.record_id = OLD.record_id
    AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
