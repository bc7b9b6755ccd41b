-- Dashboard counts (issue 17), kept by triggers inside each write's own transaction.
-- A claim's status category is 'suggested' while it is an unaccepted machine suggestion,
-- else its status. Counts are per UTC week, named by its Monday (date(d, 'weekday 0',
-- '-6 days')); the week of a change is that of the row's own timestamp for it (created_at,
-- updated_at, published_at, resolved_at), so history loaded by SQL lands where it says.
CREATE TRIGGER `stat_claim_insert` AFTER INSERT ON `claims`
BEGIN
  INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
  SELECT 'status', date(substr(NEW.`created_at`, 1, 10), 'weekday 0', '-6 days'), a.`publisher`, CASE WHEN NEW.`suggested` THEN 'suggested' ELSE NEW.`status` END, 1
  FROM `articles` a WHERE a.`id` = NEW.`article_id`
  ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_claim_status` AFTER UPDATE OF `status`, `suggested` ON `claims`
WHEN (CASE WHEN OLD.`suggested` THEN 'suggested' ELSE OLD.`status` END) IS NOT (CASE WHEN NEW.`suggested` THEN 'suggested' ELSE NEW.`status` END)
BEGIN
  INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
  SELECT 'status', date(CASE WHEN NEW.`updated_at` IS NOT OLD.`updated_at` THEN substr(NEW.`updated_at`, 1, 10) ELSE date('now') END, 'weekday 0', '-6 days'), a.`publisher`, CASE WHEN OLD.`suggested` THEN 'suggested' ELSE OLD.`status` END, -1
  FROM `articles` a WHERE a.`id` = NEW.`article_id`
  ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
  SELECT 'status', date(CASE WHEN NEW.`updated_at` IS NOT OLD.`updated_at` THEN substr(NEW.`updated_at`, 1, 10) ELSE date('now') END, 'weekday 0', '-6 days'), a.`publisher`, CASE WHEN NEW.`suggested` THEN 'suggested' ELSE NEW.`status` END, 1
  FROM `articles` a WHERE a.`id` = NEW.`article_id`
  ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_claim_publish` AFTER UPDATE OF `published_at` ON `claims`
WHEN NEW.`published_at` IS NOT NULL AND NEW.`published_at` IS NOT OLD.`published_at` AND NEW.`published_verdict_id` IS NOT NULL
BEGIN
  INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
  SELECT 'published', date(substr(NEW.`published_at`, 1, 10), 'weekday 0', '-6 days'), a.`publisher`, v.`rating`, 1
  FROM `articles` a, `verdicts` v WHERE a.`id` = NEW.`article_id` AND v.`id` = NEW.`published_verdict_id`
  ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
  SELECT 'published_by', date(substr(NEW.`published_at`, 1, 10), 'weekday 0', '-6 days'), a.`publisher`, coalesce(v.`author_id`, ''), 1
  FROM `articles` a, `verdicts` v WHERE a.`id` = NEW.`article_id` AND v.`id` = NEW.`published_verdict_id`
  ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_flag_published` AFTER UPDATE OF `resolved_at` ON `flags`
WHEN NEW.`resolution` = 'published' AND OLD.`resolved_at` IS NULL AND NEW.`resolved_at` IS NOT NULL
BEGIN
  INSERT OR REPLACE INTO `stat_turnaround` (`flag_id`, `week`, `publisher`, `flagged_by`, `seconds`)
  SELECT NEW.`id`, date(substr(NEW.`resolved_at`, 1, 10), 'weekday 0', '-6 days'), a.`publisher`, NEW.`created_by`, max(0, CAST(round((julianday(NEW.`resolved_at`) - julianday(NEW.`created_at`)) * 86400) AS INTEGER))
  FROM `claims` c JOIN `articles` a ON a.`id` = c.`article_id` WHERE c.`id` = NEW.`claim_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_article_publisher` AFTER UPDATE OF `publisher` ON `articles`
WHEN NEW.`publisher` IS NOT OLD.`publisher`
BEGIN
  -- Out of the old publisher's counts (sign -1), into the new one's (+1).
  INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
  SELECT 'status', date('now', 'weekday 0', '-6 days'), m.`publisher`, CASE WHEN c.`suggested` THEN 'suggested' ELSE c.`status` END AS k, m.`sign` * count(*)
  FROM `claims` c, (SELECT OLD.`publisher` AS `publisher`, -1 AS `sign` UNION ALL SELECT NEW.`publisher`, 1) m
  WHERE c.`article_id` = NEW.`id` GROUP BY m.`publisher`, m.`sign`, k
  ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `stat_article_delete` BEFORE DELETE ON `articles`
BEGIN
  INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
  SELECT 'status', date('now', 'weekday 0', '-6 days'), OLD.`publisher`, CASE WHEN c.`suggested` THEN 'suggested' ELSE c.`status` END AS k, -count(*)
  FROM `claims` c WHERE c.`article_id` = OLD.`id` GROUP BY k
  ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
-- A claim deleted on its own (its article stays); claims deleted with their article were
-- counted out by stat_article_delete.
CREATE TRIGGER `stat_claim_delete` AFTER DELETE ON `claims`
BEGIN
  INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
  SELECT 'status', date('now', 'weekday 0', '-6 days'), a.`publisher`, CASE WHEN OLD.`suggested` THEN 'suggested' ELSE OLD.`status` END, -1
  FROM `articles` a WHERE a.`id` = OLD.`article_id`
  ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
-- What already exists: each claim in its status since its last change; publications on the
-- day of each claim's latest one; flag-to-publish times exactly, from the flags.
INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
SELECT 'status', date(substr(c.`updated_at`, 1, 10), 'weekday 0', '-6 days') AS d, a.`publisher`, CASE WHEN c.`suggested` THEN 'suggested' ELSE c.`status` END AS k, count(*)
FROM `claims` c JOIN `articles` a ON a.`id` = c.`article_id` WHERE 1 GROUP BY d, a.`publisher`, k
ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
--> statement-breakpoint
INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
SELECT 'published', date(substr(c.`published_at`, 1, 10), 'weekday 0', '-6 days') AS d, a.`publisher`, v.`rating`, count(*)
FROM `claims` c JOIN `articles` a ON a.`id` = c.`article_id` JOIN `verdicts` v ON v.`id` = c.`published_verdict_id`
WHERE c.`published_at` IS NOT NULL GROUP BY d, a.`publisher`, v.`rating`
ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
--> statement-breakpoint
INSERT INTO `stat_weeks` (`metric`, `week`, `publisher`, `key`, `n`)
SELECT 'published_by', date(substr(c.`published_at`, 1, 10), 'weekday 0', '-6 days') AS d, a.`publisher`, coalesce(v.`author_id`, '') AS who, count(*)
FROM `claims` c JOIN `articles` a ON a.`id` = c.`article_id` JOIN `verdicts` v ON v.`id` = c.`published_verdict_id`
WHERE c.`published_at` IS NOT NULL GROUP BY d, a.`publisher`, who
ON CONFLICT (`metric`, `week`, `publisher`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
--> statement-breakpoint
INSERT OR REPLACE INTO `stat_turnaround` (`flag_id`, `week`, `publisher`, `flagged_by`, `seconds`)
SELECT f.`id`, date(substr(f.`resolved_at`, 1, 10), 'weekday 0', '-6 days'), a.`publisher`, f.`created_by`, max(0, CAST(round((julianday(f.`resolved_at`) - julianday(f.`created_at`)) * 86400) AS INTEGER))
FROM `flags` f JOIN `claims` c ON c.`id` = f.`claim_id` JOIN `articles` a ON a.`id` = c.`article_id`
WHERE f.`resolution` = 'published' AND f.`resolved_at` IS NOT NULL;
