CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`window_started_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_throttle_expires_idx` ON `sign_in_throttle` (`expires_at`);--> statement-breakpoint
DROP TABLE `login_throttle`;