/**
 * The one mapping from API validation errors to console form fields: each problem stands
 * next to its field (aria-invalid, aria-describedby), only what belongs to no field of the
 * form reaches the banner, and nothing but the API's Dutch sentences is shown.
 */
import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from '$lib/graphql/client';
import { FormErrors, fieldKey, matchField, sortProblems } from '$lib/console/form-errors.svelte';

const invalid = (fields: { path: string[]; message: string }[], message = fields.map((f) => f.message).join(' ')) =>
  new GraphQLRequestError(message, 'BAD_USER_INPUT', 200, fields);

describe('fieldKey and matchField', () => {
  it('leaves out the input variable and joins the rest', () => {
    expect(fieldKey(['input', 'targetAreaM2'])).toBe('targetAreaM2');
    expect(fieldKey(['input', 'days', '1', 'label'])).toBe('days.1.label');
    expect(fieldKey(['name'])).toBe('name');
  });
  it('matches a list index with *', () => {
    expect(matchField('days.1.label', ['name', 'days.*.label'])).toBe('days.1.label');
    expect(matchField('days.x.label', ['days.*.label'])).toBeNull();
    expect(matchField('lat', ['name'])).toBeNull();
  });
  it('a problem inside a field (one line of a textarea) belongs to the longest field that holds it', () => {
    expect(matchField('sections.0.items.1.choices.3', ['sections.*.title', 'sections.*.items.*.choices'])).toBe('sections.0.items.1.choices');
    expect(matchField('sections.0.items.1.prompt', ['sections', 'sections.*.items.*.prompt'])).toBe('sections.0.items.1.prompt');
    expect(matchField('sections.0.items.1.prompt', ['sections'])).toBe('sections');
  });
});

describe('sortProblems', () => {
  it('puts each problem next to its field and leaves the banner empty', () => {
    const error = invalid([
      { path: ['input', 'targetAreaM2'], message: 'Vul een getal van hoogstens 1.000.000 in.' },
      { path: ['input', 'days', '0', 'date'], message: 'Vul een datum in, zoals 16-05-2026.' },
    ]);
    expect(sortProblems(error, ['name', 'targetAreaM2', 'days.*.date'])).toEqual({
      fields: { targetAreaM2: 'Vul een getal van hoogstens 1.000.000 in.', 'days.0.date': 'Vul een datum in, zoals 16-05-2026.' },
      general: null,
    });
  });
  it('a problem for a field the form does not show goes to the banner, the others stay at their fields', () => {
    const error = invalid([
      { path: ['input', 'name'], message: 'Dit is te kort. Gebruik minstens 3 tekens.' },
      { path: ['input', 'checklistVersionId'], message: 'Kies een checklist.' },
    ]);
    expect(sortProblems(error, ['name'])).toEqual({ fields: { name: 'Dit is te kort. Gebruik minstens 3 tekens.' }, general: 'Kies een checklist.' });
  });
  it('an error that names no field is the banner, with the API message', () => {
    const conflict = new GraphQLRequestError('Deze actie is gesloten.', 'CONFLICT', 200);
    expect(sortProblems(conflict, ['name'])).toEqual({ fields: {}, general: 'Deze actie is gesloten.' });
  });
  it('anything that is not an API answer gets a general sentence, never its own text', () => {
    expect(sortProblems(new TypeError("Cannot read properties of undefined (reading 'x')"), ['name'])).toEqual({ fields: {}, general: 'Er ging iets mis. Probeer het opnieuw.' });
  });
});

describe('FormErrors', () => {
  it('marks the field invalid and points it at its message', () => {
    const errors = new FormErrors(['targetAreaM2', 'name'], 'campagne');
    const banner = errors.take(invalid([{ path: ['input', 'targetAreaM2'], message: 'Vul een getal van hoogstens 1.000.000 in.' }]));
    expect(banner).toBeNull();
    expect(errors.message('targetAreaM2')).toBe('Vul een getal van hoogstens 1.000.000 in.');
    expect(errors.attrs('targetAreaM2')).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'campagne-targetAreaM2' });
    expect(errors.attrs('targetAreaM2', 'target-hint')).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'campagne-targetAreaM2 target-hint' });
    expect(errors.attrs('name')).toEqual({});
    expect(errors.id('days.0.date')).toBe('campagne-days-0-date');
  });
  it('a check before sending and clearing use the same fields', () => {
    const errors = new FormErrors(['name']);
    errors.set('name', 'Geef de campagne een naam.');
    expect(errors.any).toBe(true);
    errors.clear('name');
    expect(errors.message('name')).toBeUndefined();
    expect(errors.any).toBe(false);
  });
});
