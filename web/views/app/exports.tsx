/** Download links for the exports (`/api/v1/claims/export`, an article's audit trail). */
export function ExportLinks(props: { label: string; path: string; query?: Record<string, string> }) {
  const href = (format: string) => `${props.path}?${new URLSearchParams({ format, ...(props.query ?? {}) }).toString()}`;
  return (
    <span class="exports">
      {props.label}:{' '}
      <a href={href('csv')} download>
        CSV
      </a>{' '}
      ·{' '}
      <a href={href('jsonl')} download>
        JSON Lines
      </a>
    </span>
  );
}
