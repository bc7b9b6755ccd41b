/** The reach store's interface (src/services/reach.ts); no Worker types, so Node tests can use it. */
export interface ReachHit {
  articleId: string;
  /** The article's publisher when the page was viewed. */
  publisher: string;
  /** Popovers opened during the page view (already capped). */
  opens: number;
  /** UTC day of the view. */
  day: string;
}

export interface ReachQuery {
  /** First and last UTC day, both included. */
  from: string;
  to: string;
  publisher?: string;
  /** How many articles to list, most viewed first. */
  limit?: number;
}

export interface ReachReport {
  perDay: { day: string; views: number; opens: number }[];
  perArticle: { articleId: string; views: number; opens: number }[];
  /** Set when the numbers could not be read (the page says so instead of showing zeros). */
  unavailable?: string;
}

export interface ReachStore {
  readonly kind: 'd1' | 'analytics-engine';
  record(hit: ReachHit): Promise<void>;
  report(query: ReachQuery): Promise<ReachReport>;
}
