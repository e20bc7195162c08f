/**
 * zod's messages in plain Dutch (B1), written for the person who filled in the form.
 * zod's own Dutch locale speaks of "string <=80 tekens" and "number <=1000000": a
 * programmer's words. Every issue code maps here to a sentence that says what to do;
 * a schema that knows better gives its own message, which wins over these.
 *
 * Validation messages reach people through the UI (GraphQL arguments on the main thread,
 * field commands in the sync worker), and zod keeps its settings per thread: every entry
 * point that validates imports this module once.
 */
import { z } from 'zod';

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6 });
const show = (value: unknown): string => (typeof value === 'number' || typeof value === 'bigint' ? number.format(value) : String(value));
const dutchDate = (value: unknown): string =>
  value instanceof Date || typeof value === 'number' ? new Date(value).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' }) : String(value);

type Issue = z.core.$ZodRawIssue;

const formats: Record<string, string> = {
  email: 'Vul een e-mailadres in, zoals naam@voorbeeld.nl.',
  url: 'Vul een webadres in, zoals https://voorbeeld.nl.',
  date: 'Vul een datum in, zoals 16-05-2026.',
  datetime: 'Vul een datum en tijd in.',
  time: 'Vul een tijd in, zoals 09:30.',
};

/** The sentence a person reads for one validation issue. */
export function plainDutchMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined || issue.input === null || issue.input === '') return 'Vul dit in.';
      if (issue.expected === 'int') return 'Vul een heel getal in, zonder komma.';
      if (issue.expected === 'number' || issue.expected === 'bigint') return 'Vul een getal in.';
      if (issue.expected === 'boolean') return 'Kies ja of nee.';
      if (issue.expected === 'date') return 'Vul een datum in.';
      return 'Dit klopt niet. Kijk wat je hebt ingevuld.';
    }
    case 'too_big': {
      const max = show(issue.maximum);
      switch (issue.origin) {
        case 'number':
        case 'int':
        case 'bigint':
          return issue.inclusive === false ? `Vul een getal kleiner dan ${max} in.` : `Vul een getal van hoogstens ${max} in.`;
        case 'string':
          return `Dit is te lang. Gebruik hoogstens ${max} tekens.`;
        case 'array':
        case 'set':
          return `Dit zijn er te veel. Het mogen er hoogstens ${max} zijn.`;
        case 'date':
          return `Kies een datum tot en met ${dutchDate(issue.maximum)}.`;
        default:
          return 'Dit is te groot.';
      }
    }
    case 'too_small': {
      const min = show(issue.minimum);
      switch (issue.origin) {
        case 'number':
        case 'int':
        case 'bigint':
          return issue.inclusive === false ? `Vul een getal groter dan ${min} in.` : `Vul een getal van minstens ${min} in.`;
        case 'string':
          return Number(issue.minimum) <= 1 ? 'Vul dit in.' : `Dit is te kort. Gebruik minstens ${min} tekens.`;
        case 'array':
        case 'set':
          return Number(issue.minimum) <= 1 ? 'Kies er minstens één.' : `Dit zijn er te weinig. Het moeten er minstens ${min} zijn.`;
        case 'date':
          return `Kies een datum vanaf ${dutchDate(issue.minimum)}.`;
        default:
          return 'Dit is te klein.';
      }
    }
    case 'invalid_format':
      return formats[issue.format] ?? 'Dit heeft niet de goede vorm. Kijk wat je hebt ingevuld.';
    case 'not_multiple_of':
      return `Vul een veelvoud van ${show(issue.divisor)} in.`;
    case 'invalid_value':
      return 'Kies een van de mogelijkheden.';
    case 'unrecognized_keys':
      return 'Hier staan gegevens bij die niet horen.';
    default:
      return 'Dit klopt niet. Kijk wat je hebt ingevuld.';
  }
}

z.config({ localeError: (issue) => plainDutchMessage(issue) });
