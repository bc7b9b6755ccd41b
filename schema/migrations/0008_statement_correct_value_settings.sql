CREATE TABLE `settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`url` text,
	`logo_url` text,
	`corrections_contact` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "settings_one_row" CHECK(id = 1),
	CONSTRAINT "settings_version_fresh" CHECK(version >= 1),
	CONSTRAINT "settings_url_http" CHECK(url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'),
	CONSTRAINT "settings_logo_url_http" CHECK(logo_url IS NULL OR logo_url LIKE 'http://%' OR logo_url LIKE 'https://%')
);
--> statement-breakpoint
ALTER TABLE `claims` ADD `statement` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `claim_snapshot` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `correct_value` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `correct_approximate` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `correct_bound` text;