-- Claims already public when 0001 added the snapshot columns were published with the subject
-- and speaker they had then (before 0001, edits showed to readers at once): copy those onto
-- their published verdicts, so readers keep seeing them. Only where the snapshot is still
-- empty, so running it again, or after publications that did snapshot, changes nothing
-- (0001 and this one run together on any database deployed before them).
UPDATE `verdicts` SET
  `claim_subject` = (SELECT `subject` FROM `claims` WHERE `claims`.`published_verdict_id` = `verdicts`.`id`),
  `claim_speaker` = (SELECT `speaker` FROM `claims` WHERE `claims`.`published_verdict_id` = `verdicts`.`id`)
WHERE `claim_subject` IS NULL AND `claim_speaker` IS NULL
  AND `id` IN (SELECT `published_verdict_id` FROM `claims` WHERE `published_verdict_id` IS NOT NULL);
