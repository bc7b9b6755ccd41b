import type { ClaimFieldsView } from '../../src/domain/shapes';
import { VALUE_HINTS, parseValue } from '../../src/domain/value-entry';
import { fieldError, text } from './_forms';

/**
 * The kind / value / qualifier / subject / speaker fields shared by the new-claim form and
 * the claim panel: reads them into an API body, or marks the value field when it does not
 * parse (returns null then).
 */
export function readClaimFields(form: HTMLFormElement): Record<string, unknown> | null {
  const kind = (form.elements.namedItem('kind') as HTMLSelectElement).value;
  const parsed = parseValue(kind, (form.elements.namedItem('value') as HTMLInputElement).value);
  if (!parsed.ok) {
    fieldError(form, 'value', `The value ${parsed.message}.`);
    return null;
  }
  const qualifier = (form.elements.namedItem('bound') as HTMLSelectElement).value;
  return {
    kind,
    value: parsed.value,
    approximate: qualifier === 'approximate',
    bound: qualifier === 'at_least' || qualifier === 'at_most' ? qualifier : null,
    subject: text(form, 'subject'),
    speaker: text(form, 'speaker'),
  };
}

/** Keeps the value hint in step with the chosen kind. */
export function bindKindHint(form: HTMLFormElement) {
  const kind = form.elements.namedItem('kind') as HTMLSelectElement;
  const value = form.elements.namedItem('value') as HTMLInputElement;
  const hint = document.getElementById(`${value.id}-hint`);
  const update = () => {
    if (hint) hint.textContent = VALUE_HINTS[kind.value] ?? '';
    value.placeholder = (VALUE_HINTS[kind.value] ?? '').split(': ').pop() ?? '';
  };
  kind.addEventListener('change', update);
  update();
}

/** API field names → the form's (the qualifier select stands for approximate and bound). */
export const CLAIM_FIELD_ALIAS = { approximate: 'bound', start: 'quote' };

/** What `GET /claims/{id}` tells the page after a stale-version conflict (the fields shown). */
export interface FreshClaim extends ClaimFieldsView {
  sources: { title: string }[];
  latestVerdict: { rating: string; summary: string } | null;
}
