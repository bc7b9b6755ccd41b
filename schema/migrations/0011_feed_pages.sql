CREATE TABLE `feed_pages` (
	`article_id` text NOT NULL,
	`origin` text NOT NULL,
	`page` integer NOT NULL,
	`stamp` integer NOT NULL,
	`renderer` text NOT NULL,
	`etag` text NOT NULL,
	`body` text NOT NULL,
	`rendered_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`article_id`, `origin`, `page`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "feed_pages_page_check" CHECK(page >= 0)
);
