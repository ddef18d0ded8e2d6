ALTER TABLE "organisations" ADD COLUMN "accessibility_statement_url" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "privacy_notice_url" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "contact_phone" text;