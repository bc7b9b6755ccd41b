-- The newsroom's identity starts as the product's name; an admin sets the rest (Admin → Settings).
INSERT OR IGNORE INTO `settings` (`id`, `name`) VALUES (1, 'Factmark');
