ALTER TABLE `sources` ADD `deleted_at` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `claim_subject` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `claim_speaker` text;