CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`mentions` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`edited_at` text,
	`deleted_at` text,
	`deleted_by` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`deleted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "comments_mentions_json" CHECK(json_valid(mentions) AND json_type(mentions) = 'array'),
	CONSTRAINT "comments_version_fresh" CHECK(version >= 1)
);
--> statement-breakpoint
CREATE INDEX `comments_claim_idx` ON `comments` (`claim_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`notification_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `email_outbox_created_idx` ON `email_outbox` (`created_at`);--> statement-breakpoint
CREATE TABLE `notification_preferences` (
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`email` integer NOT NULL,
	PRIMARY KEY(`user_id`, `kind`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_id` text NOT NULL,
	`kind` text NOT NULL,
	`claim_id` text,
	`article_id` text,
	`comment_id` text,
	`event_id` integer,
	`actor_user_id` text,
	`actor_name` text NOT NULL,
	`excerpt` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`read_at` text,
	FOREIGN KEY (`recipient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_recipient_idx` ON `notifications` (`recipient_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`recipient_id`,`kind`,`claim_id`) WHERE read_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_changed_unread` ON `notifications` (`recipient_id`,`claim_id`) WHERE read_at IS NULL AND kind = 'changed';--> statement-breakpoint
ALTER TABLE `claims` ADD `returned_at` text;--> statement-breakpoint
CREATE INDEX `claims_returned_idx` ON `claims` (`returned_at`);--> statement-breakpoint
ALTER TABLE `flags` ADD `editor_id` text;--> statement-breakpoint
CREATE INDEX `flags_editor_idx` ON `flags` (`editor_id`,`resolved_at`);--> statement-breakpoint
ALTER TABLE `verdicts` ADD `edited_by` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `based_on` text;