/**
 * An article's and a claim's fields as the API answers them: the parts that views, page
 * scripts and webhook payloads all carry, named once so they name them alike.
 */

export interface ArticleFieldsView {
  id: string;
  slug: string;
  title: string;
  url: string;
  publisher: string;
  author: string | null;
  publishedAt: string;
}

export interface ClaimFieldsView {
  version: number;
  kind: string;
  value: unknown;
  approximate: boolean;
  bound: string | null;
  subject: string | null;
  speaker: string | null;
  /** The claim as a sentence (null: the public page suggests one from the article). */
  statement: string | null;
  assigneeId: string | null;
  status: string;
}
