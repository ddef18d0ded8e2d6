ALTER TABLE "payment_schedules" ALTER COLUMN "gross_pence" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "payment_schedules" ALTER COLUMN "contribution_pence" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "payment_schedules" ALTER COLUMN "nhs_share_pence" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "payment_schedules" ALTER COLUMN "net_pence" SET DATA TYPE bigint;