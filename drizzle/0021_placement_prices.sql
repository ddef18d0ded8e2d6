CREATE TABLE "placement_prices" (
	"organisation_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"weekly_price_pence" integer NOT NULL,
	"price_lines" jsonb NOT NULL,
	"reason" text NOT NULL,
	"rate_card_id" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "placement_prices_pk" PRIMARY KEY("organisation_id","placement_id","effective_from")
);
--> statement-breakpoint
ALTER TABLE "placement_prices" ADD CONSTRAINT "placement_prices_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_prices" ADD CONSTRAINT "placement_prices_placement_fk" FOREIGN KEY ("organisation_id","placement_id") REFERENCES "public"."placements"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "placement_prices_placement_idx" ON "placement_prices" USING btree ("placement_id","effective_from");--> statement-breakpoint
-- Every placement made before prices had a history starts with the price it was made at.
INSERT INTO "placement_prices" ("organisation_id", "placement_id", "effective_from", "weekly_price_pence", "price_lines", "reason", "recorded_at", "recorded_by")
SELECT "organisation_id", "id", "starts_on", "weekly_price_pence", "price_lines", 'Price when placed', "created_at", "created_by" FROM "placements";
