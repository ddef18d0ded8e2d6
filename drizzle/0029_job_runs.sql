CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"result" text,
	CONSTRAINT "job_runs_pk" PRIMARY KEY("job","period_start")
);
