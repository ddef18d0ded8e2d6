DROP INDEX "offers_id_idx";--> statement-breakpoint
DROP INDEX "people_id_idx";--> statement-breakpoint
DROP INDEX "placements_id_idx";--> statement-breakpoint
DROP INDEX "referrals_id_idx";--> statement-breakpoint
DROP INDEX "schemes_id_idx";--> statement-breakpoint
DROP INDEX "units_id_idx";--> statement-breakpoint
DROP INDEX "payment_schedules_id_idx";--> statement-breakpoint
DROP INDEX "applications_id_idx";--> statement-breakpoint
DROP INDEX "lots_id_idx";--> statement-breakpoint
DROP INDEX "questions_id_idx";--> statement-breakpoint
DROP INDEX "vehicles_id_idx";--> statement-breakpoint
DROP INDEX "survey_links_token_idx";--> statement-breakpoint
CREATE INDEX "offers_id_idx" ON "offers" USING btree ("id");--> statement-breakpoint
CREATE INDEX "people_id_idx" ON "people" USING btree ("id");--> statement-breakpoint
CREATE INDEX "placements_id_idx" ON "placements" USING btree ("id");--> statement-breakpoint
CREATE INDEX "referrals_id_idx" ON "referrals" USING btree ("id");--> statement-breakpoint
CREATE INDEX "schemes_id_idx" ON "schemes" USING btree ("id");--> statement-breakpoint
CREATE INDEX "units_id_idx" ON "units" USING btree ("id");--> statement-breakpoint
CREATE INDEX "payment_schedules_id_idx" ON "payment_schedules" USING btree ("id");--> statement-breakpoint
CREATE INDEX "applications_id_idx" ON "applications" USING btree ("id");--> statement-breakpoint
CREATE INDEX "lots_id_idx" ON "lots" USING btree ("id");--> statement-breakpoint
CREATE INDEX "questions_id_idx" ON "questions" USING btree ("id");--> statement-breakpoint
CREATE INDEX "vehicles_id_idx" ON "vehicles" USING btree ("id");--> statement-breakpoint
CREATE INDEX "survey_links_token_idx" ON "survey_links" USING btree ("token_hash");