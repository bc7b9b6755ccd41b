CREATE TABLE `reach_daily` (
	`day` text NOT NULL,
	`article_id` text NOT NULL,
	`publisher` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`opens` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `article_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reach_daily_article_idx` ON `reach_daily` (`article_id`,`day`);--> statement-breakpoint
CREATE TABLE `stat_turnaround` (
	`flag_id` text PRIMARY KEY NOT NULL,
	`week` text NOT NULL,
	`publisher` text NOT NULL,
	`flagged_by` text,
	`seconds` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stat_turnaround_week_idx` ON `stat_turnaround` (`week`,`seconds`);--> statement-breakpoint
CREATE INDEX `stat_turnaround_publisher_idx` ON `stat_turnaround` (`publisher`,`week`,`seconds`);--> statement-breakpoint
CREATE INDEX `stat_turnaround_person_idx` ON `stat_turnaround` (`flagged_by`,`week`,`seconds`);--> statement-breakpoint
CREATE TABLE `stat_weeks` (
	`metric` text NOT NULL,
	`week` text NOT NULL,
	`publisher` text NOT NULL,
	`key` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`metric`, `week`, `publisher`, `key`)
);
--> statement-breakpoint
CREATE INDEX `articles_publisher_idx` ON `articles` (`publisher`);