/** The Worker bundle's size in `dir` (the dry run's --outdir): bytes, raw and gzipped (-9). */
export function bundleSize(dir: string): { raw: number; gzip: number };
