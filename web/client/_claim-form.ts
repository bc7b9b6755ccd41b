import type { ClaimFieldsView } from '../../src/domain/shapes';
import { VALUE_EXPECTATIONS } from '../../src/domain/value-format';
import { text } from './_forms';
import { bindValuePreview, type ValueReading } from './_value-preview';

/**
 * The kind / value / qualifier / subject / speaker / statement fields shared by the new-claim
 * form and the claim panel, read into an API body. The value goes as typed: the API reads
 * words ("12 to 15 years", "about 80,000 somoni") with the extractor's parsers, and its
 * answer names the field when it cannot.
 */
export function readClaimFields(form: HTMLFormElement): Record<string, unknown> {
  const qualifier = (form.elements.namedItem('bound') as HTMLSelectElement).value;
  const body: Record<string, unknown> = {
    kind: (form.elements.namedItem('kind') as HTMLSelectElement).value,
    value: (form.elements.namedItem('value') as HTMLInputElement).value.trim(),
    approximate: qualifier === 'approximate',
    bound: qualifier === 'at_least' || qualifier === 'at_most' ? qualifier : null,
    subject: text(form, 'subject'),
    speaker: text(form, 'speaker'),
  };
  // The statement is sent once the checker has one: a suggestion left as it was stays a
  // suggestion (the public page shows the same one), so saving other fields does not fix it.
  const statement = form.elements.namedItem('statement') as HTMLTextAreaElement | null;
  if (statement && statement.value.trim() !== (statement.dataset.suggested ?? '').trim()) body.statement = statement.value.trim() || null;
  return body;
}

/**
 * Keeps the value field's hint in step with the kind, runs its live preview, and lets what
 * the words say set the qualifier ("about …" → approximate) and an empty subject.
 */
export function bindClaimValue(form: HTMLFormElement) {
  const kind = form.elements.namedItem('kind') as HTMLSelectElement;
  const value = form.elements.namedItem('value') as HTMLInputElement;
  const hint = document.getElementById(`${value.id}-hint`);
  const update = () => {
    if (hint) hint.textContent = `Type ${VALUE_EXPECTATIONS[kind.value as keyof typeof VALUE_EXPECTATIONS] ?? 'the value'}.`;
  };
  kind.addEventListener('change', update);
  update();
  bindValuePreview(value, (r: ValueReading) => {
    if (!r.ok || r.form !== 'words') return;
    (form.elements.namedItem('bound') as HTMLSelectElement).value = r.bound ?? (r.approximate ? 'approximate' : '');
    const subject = form.elements.namedItem('subject') as HTMLInputElement | null;
    if (subject && !subject.value.trim() && r.subject) subject.value = r.subject;
  });
}

/** The statement's character count (code points, as the API counts them) beside it. */
export function bindStatementCounter(form: HTMLFormElement) {
  const statement = form.elements.namedItem('statement') as HTMLTextAreaElement | null;
  const counter = statement ? document.getElementById(`${statement.id}-count`) : null;
  if (!statement || !counter) return;
  const max = Number(statement.dataset.maxChars);
  const update = () => {
    const n = [...statement.value.trim()].length;
    counter.textContent = `${n} / ${max}${n > max ? ` — ${n - max} too many` : ''}`;
    counter.classList.toggle('bad', n > max);
  };
  statement.addEventListener('input', update);
  update();
}

/** API field names → the form's (the qualifier select stands for approximate and bound). */
export const CLAIM_FIELD_ALIAS = { approximate: 'bound', start: 'quote' };

/** What `GET /claims/{id}` tells the page after a stale-version conflict (the fields shown). */
export interface FreshClaim extends ClaimFieldsView {
  sources: { title: string }[];
  latestVerdict: { rating: string; summary: string } | null;
}
