CREATE TABLE "schedule_ticks" (
	"job" text NOT NULL,
	"tick" timestamp with time zone NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "schedule_ticks_job_tick_pk" PRIMARY KEY("job","tick")
);
