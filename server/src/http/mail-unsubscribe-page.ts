/**
 * The small Dutch pages behind a mail's unsubscribe link. Plain HTML with its style inline
 * and no script, so they work under the app's Content-Security-Policy (style-src allows
 * inline styles, form-action 'self' allows the form) and in any browser a mail app opens.
 */

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
  main { max-width: 34rem; margin: 0 auto; padding: 2rem 1.25rem; }
  h1 { font-size: 1.5rem; line-height: 1.25; }
  button, .button { display: inline-block; min-height: 44px; padding: 0.625rem 1.25rem; font: inherit; font-weight: 600;
    color: #fff; background: #1d5e3a; border: 2px solid #1d5e3a; border-radius: 0.5rem; cursor: pointer; text-decoration: none; }
  button:focus-visible, a:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 3px; }
  .note { color: #404040; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Buurtkracht</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

const toApp = '<p><a class="button" href="/">Naar de app</a></p>';

/** GET: what the button will do, and the button. */
export function confirmPage(campaignName: string, formAction: string): string {
  return page(
    'Geen e-mail meer?',
    `<p>Je krijgt e-mail over wat er gebeurt met je meldingen bij <strong>${escapeHtml(campaignName)}</strong>.</p>
<p>Wil je die e-mails niet meer krijgen? Druk dan op de knop.</p>
<form method="post" action="${escapeHtml(formAction)}"><button type="submit">Ja, meld me af</button></form>
<p class="note">We halen dan ook je e-mailadres weg. In de app zie je nog steeds wat er met je meldingen gebeurt.</p>`,
  );
}

/** After unsubscribing (POST), or when the link is opened again later. */
export function donePage(campaignName: string, justNow: boolean): string {
  return page(
    justNow ? 'Je bent afgemeld' : 'Je bent al afgemeld',
    `<p>Je krijgt geen e-mail meer over je meldingen bij <strong>${escapeHtml(campaignName)}</strong>. Je e-mailadres hebben we weggehaald.</p>
<p>In de app zie je nog steeds wat er met je meldingen gebeurt.</p>
${toApp}`,
  );
}

export function unknownLinkPage(): string {
  return page(
    'Deze link werkt niet',
    `<p>We kennen deze afmeldlink niet. Kijk of je de hele link uit de e-mail hebt gebruikt.</p>
<p>Krijg je toch nog e-mail van ons? Gebruik dan de link onderaan de nieuwste e-mail.</p>
${toApp}`,
  );
}

export function tooManyPage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return page('Even wachten', `<p>Er zijn te veel onbekende links geprobeerd. Probeer het over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} opnieuw.</p>`);
}
