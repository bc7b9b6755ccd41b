/** Types of scripts/embed-build.mjs (the embed's build, shared by `npm run build` and the budget test). */
export declare const EMBED_BUDGET: number;
export declare const EMBED_INTERNAL_PROPS: RegExp;
export declare function buildEmbed(entry?: string): Promise<string>;
export declare function gzippedSize(code: string): number;
