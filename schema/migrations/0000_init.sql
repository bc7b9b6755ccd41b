CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "api_tokens_role_check" CHECK(role IN ('checker', 'editor', 'admin'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_created_idx` ON `api_tokens` (`created_at`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`url` text NOT NULL,
	`title` text NOT NULL,
	`publisher` text NOT NULL,
	`author` text,
	`published_at` text NOT NULL,
	`text` text NOT NULL,
	`text_hash` text NOT NULL,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "articles_url_http" CHECK(url LIKE 'http://%' OR url LIKE 'https://%'),
	CONSTRAINT "articles_published_at_format" CHECK(published_at GLOB '[0-9][0-9][0-9][0-9]*'),
	CONSTRAINT "articles_version_fresh" CHECK(version >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_slug_unique` ON `articles` (`slug`);--> statement-breakpoint
CREATE INDEX `articles_url_idx` ON `articles` (`url`);--> statement-breakpoint
CREATE INDEX `articles_created_idx` ON `articles` (`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`quote` text NOT NULL,
	`prefix` text DEFAULT '' NOT NULL,
	`suffix` text DEFAULT '' NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`approximate` integer DEFAULT false NOT NULL,
	`bound` text,
	`subject` text,
	`speaker` text,
	`status` text DEFAULT 'open' NOT NULL,
	`origin` text DEFAULT 'human' NOT NULL,
	`suggested` integer DEFAULT false NOT NULL,
	`extractor_version` text,
	`assignee_id` text,
	`published_verdict_id` text,
	`published_at` text,
	`unpublished_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "claims_kind_check" CHECK(kind IN ('sentence', 'money', 'count', 'date', 'duration', 'age', 'fraction')),
	CONSTRAINT "claims_status_check" CHECK(status IN ('open', 'flagged', 'published', 'dismissed')),
	CONSTRAINT "claims_origin_check" CHECK(origin IN ('human', 'machine')),
	CONSTRAINT "claims_bound_check" CHECK(bound IS NULL OR bound IN ('at_least', 'at_most')),
	CONSTRAINT "claims_span_check" CHECK(start >= 0 AND "end" > start),
	CONSTRAINT "claims_value_json" CHECK(json_valid(value)),
	CONSTRAINT "claims_version_fresh" CHECK(version >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claims_span_unique` ON `claims` (`article_id`,`start`,`end`);--> statement-breakpoint
CREATE INDEX `claims_article_idx` ON `claims` (`article_id`,`start`);--> statement-breakpoint
CREATE INDEX `claims_status_idx` ON `claims` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_kind_idx` ON `claims` (`kind`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_assignee_idx` ON `claims` (`assignee_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_created_idx` ON `claims` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `claims_public_idx` ON `claims` (`article_id`,`published_verdict_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_user_id` text,
	`actor_token_id` text,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`claim_id` text,
	`article_id` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `events_claim_idx` ON `events` (`claim_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_article_idx` ON `events` (`article_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_entity_idx` ON `events` (`entity_type`,`entity_id`,`id`);--> statement-breakpoint
CREATE TABLE `flags` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`resolution` text,
	`resolution_note` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "flags_resolution_check" CHECK(resolution IS NULL OR resolution IN ('published', 'returned', 'dismissed', 'withdrawn'))
);
--> statement-breakpoint
CREATE INDEX `flags_claim_idx` ON `flags` (`claim_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `flags_open_idx` ON `flags` (`resolved_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_started_at` text NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`url` text NOT NULL,
	`title` text NOT NULL,
	`publisher` text,
	`type` text DEFAULT 'other' NOT NULL,
	`excerpt` text,
	`accessed_at` text,
	`archived_url` text,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "sources_type_check" CHECK(type IN ('court', 'official', 'ngo', 'news', 'interview', 'other')),
	CONSTRAINT "sources_url_http" CHECK(url LIKE 'http://%' OR url LIKE 'https://%'),
	CONSTRAINT "sources_archived_url_http" CHECK(archived_url IS NULL OR archived_url LIKE 'http://%' OR archived_url LIKE 'https://%')
);
--> statement-breakpoint
CREATE INDEX `sources_claim_idx` ON `sources` (`claim_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text DEFAULT 'checker' NOT NULL,
	`password_hash` text NOT NULL,
	`password_salt` text NOT NULL,
	`password_iterations` integer NOT NULL,
	`disabled_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "users_role_check" CHECK(role IN ('checker', 'editor', 'admin')),
	CONSTRAINT "users_email_lower" CHECK(email = lower(email)),
	CONSTRAINT "users_version_fresh" CHECK(version >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `verdicts` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`rating` text NOT NULL,
	`summary` text NOT NULL,
	`explanation` text DEFAULT '' NOT NULL,
	`author_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "verdicts_rating_check" CHECK(rating IN ('true', 'mostly-true', 'half-true', 'misleading', 'mostly-false', 'false', 'unverifiable'))
);
--> statement-breakpoint
CREATE INDEX `verdicts_claim_idx` ON `verdicts` (`claim_id`,`created_at`);