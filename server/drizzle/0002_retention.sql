CREATE TABLE "purged_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"purged_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "deleted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "changed_at" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "purged_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "purge_generation" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing rows: tombstones are found from their data, and their retention counts from the upgrade.
UPDATE "records" SET "deleted" = ("data"->>'deletedAt') IS NOT NULL, "changed_at" = (extract(epoch from now()) * 1000)::bigint;--> statement-breakpoint
ALTER TABLE "purged_records" ADD CONSTRAINT "purged_records_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applied_mutations_applied_at_idx" ON "applied_mutations" USING btree ("applied_at");--> statement-breakpoint
CREATE INDEX "records_tombstones_idx" ON "records" USING btree ("changed_at") WHERE "records"."deleted";