CREATE TABLE "applied_mutations" (
	"team_id" text NOT NULL,
	"mutation_id" uuid NOT NULL,
	"rep_id" text NOT NULL,
	"record_id" uuid NOT NULL,
	"lost_fields" jsonb NOT NULL,
	"lost_to" text,
	"applied_at" bigint NOT NULL,
	CONSTRAINT "applied_mutations_team_id_mutation_id_pk" PRIMARY KEY("team_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"token_id" text PRIMARY KEY NOT NULL,
	"tat_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"entity" text NOT NULL,
	"seq" bigint NOT NULL,
	"data" jsonb NOT NULL,
	"author_id" text,
	"private_to" text,
	"was_shared" boolean NOT NULL,
	"writers" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reps" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"rep_id" text NOT NULL,
	"team_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" bigint NOT NULL,
	"revoked_at" bigint
);
--> statement-breakpoint
ALTER TABLE "applied_mutations" ADD CONSTRAINT "applied_mutations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_limits" ADD CONSTRAINT "rate_limits_token_id_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reps" ADD CONSTRAINT "reps_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_rep_id_reps_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."reps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "records_team_seq_idx" ON "records" USING btree ("team_id","seq");--> statement-breakpoint
CREATE INDEX "reps_team_idx" ON "reps" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "tokens_team_idx" ON "tokens" USING btree ("team_id");