CREATE TABLE `article_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`number` integer NOT NULL,
	`text` text NOT NULL,
	`text_hash` text NOT NULL,
	`trigger` text NOT NULL,
	`url` text,
	`http_status` integer,
	`etag` text,
	`last_modified` text,
	`summary` text,
	`created_by` text,
	`fetched_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "article_revisions_trigger_check" CHECK("trigger" IN ('paste', 'import', 'refresh', 'schedule')),
	CONSTRAINT "article_revisions_number_positive" CHECK(number >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `article_revisions_number_unique` ON `article_revisions` (`article_id`,`number`);--> statement-breakpoint
ALTER TABLE `articles` ADD `fetch_url` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `etag` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `last_modified` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `checked_at` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `check_result` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `check_error` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `check_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `next_check_at` text;--> statement-breakpoint
CREATE INDEX `articles_next_check_idx` ON `articles` (`next_check_at`);--> statement-breakpoint
CREATE INDEX `articles_fetch_url_idx` ON `articles` (`fetch_url`);--> statement-breakpoint
ALTER TABLE `claims` ADD `text_change` text;--> statement-breakpoint
CREATE INDEX `events_action_idx` ON `events` (`action`,`at`);