CREATE TABLE "agreed_scores" (
	"organisation_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"rationale" text NOT NULL,
	"moderator_id" uuid NOT NULL,
	"agreed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agreed_scores_pk" PRIMARY KEY("organisation_id","application_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "conflict_declarations" (
	"organisation_id" uuid NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"evaluator_id" uuid NOT NULL,
	"has_conflict" boolean NOT NULL,
	"details" text,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conflict_declarations_pk" PRIMARY KEY("organisation_id","vehicle_id","evaluator_id")
);
--> statement-breakpoint
CREATE TABLE "scores" (
	"organisation_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"evaluator_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "scores_pk" PRIMARY KEY("organisation_id","application_id","question_id","evaluator_id")
);
--> statement-breakpoint
CREATE TABLE "stage_decisions" (
	"organisation_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stage_decisions_pk" PRIMARY KEY("organisation_id","application_id","stage")
);
--> statement-breakpoint
ALTER TABLE "agreed_scores" ADD CONSTRAINT "agreed_scores_moderator_id_users_id_fk" FOREIGN KEY ("moderator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreed_scores" ADD CONSTRAINT "agreed_scores_application_fk" FOREIGN KEY ("organisation_id","application_id") REFERENCES "public"."applications"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreed_scores" ADD CONSTRAINT "agreed_scores_question_fk" FOREIGN KEY ("organisation_id","question_id") REFERENCES "public"."questions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_vehicle_fk" FOREIGN KEY ("organisation_id","vehicle_id") REFERENCES "public"."vehicles"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_application_fk" FOREIGN KEY ("organisation_id","application_id") REFERENCES "public"."applications"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_question_fk" FOREIGN KEY ("organisation_id","question_id") REFERENCES "public"."questions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_decisions" ADD CONSTRAINT "stage_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_decisions" ADD CONSTRAINT "stage_decisions_application_fk" FOREIGN KEY ("organisation_id","application_id") REFERENCES "public"."applications"("organisation_id","id") ON DELETE no action ON UPDATE no action;