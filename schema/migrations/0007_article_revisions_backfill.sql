-- Every article that exists before revisions gets its text as revision 1 ("paste": it was
-- pasted, imports did not exist). Only where it has none, so running it again changes nothing.
INSERT INTO `article_revisions` (`id`, `article_id`, `number`, `text`, `text_hash`, `trigger`, `created_by`, `fetched_at`)
SELECT 'rev_' || lower(substr(hex(randomblob(8)), 1, 16)), `id`, 1, `text`, `text_hash`, 'paste', `created_by`, `created_at`
FROM `articles`
WHERE NOT EXISTS (SELECT 1 FROM `article_revisions` WHERE `article_revisions`.`article_id` = `articles`.`id`);
