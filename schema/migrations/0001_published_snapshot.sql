ALTER TABLE `sources` ADD `deleted_at` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `claim_subject` text;--> statement-breakpoint
ALTER TABLE `verdicts` ADD `claim_speaker` text;--> statement-breakpoint
-- Claims already public when this runs were published with the subject and speaker they have
-- now (before this migration, edits showed to readers at once): snapshot those onto their
-- published verdicts, so readers keep seeing them.
UPDATE `verdicts` SET
  `claim_subject` = (SELECT `subject` FROM `claims` WHERE `claims`.`published_verdict_id` = `verdicts`.`id`),
  `claim_speaker` = (SELECT `speaker` FROM `claims` WHERE `claims`.`published_verdict_id` = `verdicts`.`id`)
WHERE `id` IN (SELECT `published_verdict_id` FROM `claims` WHERE `published_verdict_id` IS NOT NULL);
