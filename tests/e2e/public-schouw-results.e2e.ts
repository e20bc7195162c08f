/// <reference lib="dom" />
/**
 * The public results of a schouw in real Chromium: residents walk (through the API), the
 * coordinator moves a finding on, switches the public results on in the console, marks a
 * photo for them and edits the action plan item (a message that is too short is refused
 * next to its field); the partner of the item's organisation sets its status and message
 * on their home page. Then anyone with the link sees, at phone and desktop width, the
 * scores, how many findings are handled, the action plan and the marked photo, and no
 * name, house number or resident's text; switched off, the page and the photo are gone.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { repoRoot } from '../support/server-process.js';
import { consoleTestBed, signInToConsole } from './support/console.js';
import { expectAccessible, screenshot } from './support/screens.js';
import { demoCoordinator, gqlAt } from './support/staff-api.js';

const photoFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'losse-stoeptegel.jpg');
const SECRETS = ['Geheime Naam', 'Henk', 'nummer 12', 'Jan Jansen', 'Losse stoeptegel bij nummer 12', 'Medewerker Woonkracht10'];

describe('public schouw results (Chromium)', () => {
  const bed = consoleTestBed('public-results');

  it('shows scores, handled findings, the action plan and a marked photo to anyone, and nothing personal', async () => {
    const { server, browser } = bed;
    const coordinator = await demoCoordinator(server);
    const schouw = coordinator.schouw;
    const staff = { cookie: coordinator.cookie };
    const ok = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
      const { body } = await gqlAt(server.url, query, variables, headers);
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data;
    };

    // Two residents walk: ratings at every spot that has a rating item, one finding with a photo.
    const setup = await ok(
      'query($id: ID!) { campaign(id: $id) { checklist { sections { items { id type spotTypes } } } neighbourhood { spots(first: 100) { edges { node { id type } } } } } }',
      { id: schouw.id },
      staff,
    );
    const items = setup.campaign.checklist.sections.flatMap((s: any) => s.items).filter((i: any) => i.type === 'RATING');
    const spots = setup.campaign.neighbourhood.spots.edges.map((e: any) => e.node);
    const walkers: Record<string, string>[] = [];
    for (const name of ['Geheime Naam', 'Henk']) {
      const joined = await ok('mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', { input: { code: await coordinator.invite(schouw.id), displayName: name, contactConsent: false, showNameInRankings: true } }, {});
      walkers.push({ authorization: `Bearer ${joined.joinCampaign.token}` });
    }
    const ratings = ['B', 'C', 'A', 'D'];
    let n = 0;
    for (const spot of spots) {
      for (const item of items.filter((i: any) => i.spotTypes.length === 0 || i.spotTypes.includes(spot.type))) {
        for (const walker of walkers) {
          await ok('mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }', { input: { id: uuidv7(), campaignId: schouw.id, spotId: spot.id, checklistItemId: item.id, rating: ratings[n++ % ratings.length], deviceTime: new Date().toISOString() } }, walker);
        }
      }
    }
    const photoId = uuidv7();
    const bytes = fs.readFileSync(photoFile);
    const upload = await fetch(`${server.url}/media/${photoId}`, { method: 'PUT', headers: { ...walkers[0], 'content-type': 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex') }, body: new Uint8Array(bytes) });
    expect(upload.status).toBe(201);
    const record = async (walker: Record<string, string>, input: Record<string, unknown>) =>
      (await ok('mutation($input: RecordFindingInput!) { recordFinding(input: $input) { id } }', { input: { id: uuidv7(), campaignId: schouw.id, deviceTime: new Date().toISOString(), ...input } }, walker)).recordFinding.id as string;
    const playground = spots.find((s: any) => s.type === 'SPEELPLEK');
    const planter = spots.find((s: any) => s.type === 'PLANTSOEN');
    const tile = await record(walkers[0]!, { category: 'HEEL', spotId: playground.id, text: 'Losse stoeptegel bij nummer 12', suggestion: 'Henk kan helpen', photoIds: [photoId] });
    const litter = await record(walkers[1]!, { category: 'SCHOON', spotId: planter.id, text: 'Zwerfvuil in het plantsoen' });
    await ok('mutation($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { status } }', { input: { findingId: litter, status: 'AFGEHANDELD', publicMessage: 'Het zwerfvuil is opgeruimd door de gemeente.' } }, staff);
    const organisations = (await ok('{ organisations(first: 50) { edges { node { id name } } } }', {}, staff)).organisations.edges.map((e: any) => e.node);
    const woonkracht = organisations.find((o: any) => o.name === 'Woonkracht10');
    await ok('mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }', { input: { campaignId: schouw.id, title: 'Stoeptegels vastleggen', owner: 'Jan Jansen', ownerOrganisationId: woonkracht.id, findingIds: [tile] } }, staff);

    // Before the switch: the public page says it is not public, like any unknown id.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'nl-NL' });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${server.url}/uitslag/${schouw.id}`);
    await expect.poll(() => phonePage.getByText('Deze uitslag is niet (meer) openbaar.').count(), { timeout: 10_000 }).toBe(1);
    expect((await fetch(`${server.url}/media/${photoId}?size=thumb`)).status).toBe(401);

    // The coordinator switches the results on, marks the photo and edits the action plan item.
    const desk = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const page = await desk.newPage();
    await signInToConsole(page, server);
    await page.goto(`${server.url}/beheer/campagnes/${schouw.id}`);
    await page.getByRole('switch', { name: 'Openbare uitslag aan' }).check();
    await expect.poll(() => page.getByText('De openbare uitslag staat aan.', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Openbare uitslag bekijken' }).getAttribute('href')).toBe(`/uitslag/${schouw.id}`);

    await page.goto(`${server.url}/beheer/bevindingen/${tile}`);
    await page.getByLabel('Foto 1: toon op openbare uitslag').check();
    await expect.poll(() => page.getByText('Foto 1 staat op de openbare uitslag', { exact: false }).count()).toBe(1);
    await expectAccessible(page, 'console-photo-public');

    await page.goto(`${server.url}/beheer/campagnes/${schouw.id}/actieplan`);
    await page.getByRole('button', { name: 'Bewerken' }).click();
    await page.getByLabel('Bericht voor bewoners').fill('Kort');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const message = page.getByLabel('Bericht voor bewoners');
    await expect.poll(() => message.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').textContent()).toContain('minstens 10 tekens');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await message.getAttribute('id'));
    await screenshot(page, 'console-action-plan-edit');
    await expectAccessible(page, 'console-action-plan-edit');
    await message.fill('Woonkracht10 legt de stoeptegels in september vast.');
    await page.getByLabel('Status').selectOption('BEZIG');
    await page.getByLabel('Klaar op (mag leeg blijven)').fill('30-9-2027');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByText('"Stoeptegels vastleggen" is opgeslagen.').count()).toBe(1);
    const card = page.getByTestId('action-item');
    // The list reloads after the save message shows; until then the open form's status
    // options also read "Bezig", so wait for the item's own badge.
    await expect.poll(() => card.locator('.badge').textContent()).toBe('Bezig');
    expect(await card.textContent()).toContain('30 september 2027');
    expect(await card.getByRole('link', { name: /Heel · Speeltuin Boerenpad/ }).getAttribute('href')).toBe(`/beheer/bevindingen/${tile}`);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await screenshot(page, 'console-action-plan');
    await expectAccessible(page, 'console-action-plan');

    // The partner of the item's organisation sees it on their home page and moves it on;
    // the title is not theirs to change.
    const adminPassword = 'paarse-fiets-regent-7';
    execFileSync(process.execPath, ['--import', 'tsx', 'server/src/admin-create.ts', '--email', 'beheer@example.org', '--name', 'Beheerder', '--password-stdin'], {
      cwd: repoRoot,
      input: adminPassword,
      env: { ...process.env, DATABASE_PATH: path.join(bed.dir, 'e2e.db'), MEDIA_DIR: path.join(bed.dir, 'media') },
    });
    const adminLogin = await gqlAt(server.url, 'mutation($input: LoginInput!) { login(input: $input) { id } }', { input: { email: 'beheer@example.org', password: adminPassword } });
    const admin = { cookie: adminLogin.response.headers.getSetCookie()[0]!.split(';')[0]! };
    const invite = await ok('mutation($input: InviteStaffInput!) { inviteStaff(input: $input) { link } }', { input: { email: 'woonkracht@example.org', role: 'PARTNER', organisationId: woonkracht.id } }, admin);
    const partnerContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL' });
    const partner = await partnerContext.newPage();
    const inviteLink = new URL(invite.inviteStaff.link);
    await partner.goto(`${server.url}${inviteLink.pathname}${inviteLink.hash}`);
    await partner.getByLabel('Je naam').fill('Medewerker Woonkracht10');
    await partner.getByLabel('Wachtwoord (minstens 12 tekens)').fill('een-lang-wachtwoord-1');
    await partner.getByLabel('Wachtwoord nog een keer').fill('een-lang-wachtwoord-1');
    await partner.getByRole('button', { name: 'Account aanmaken' }).click();
    await partner.waitForURL(`${server.url}/beheer`);
    const partnerItem = partner.getByTestId('partner-action-item');
    await expect.poll(() => partnerItem.count(), { timeout: 10_000 }).toBe(1);
    expect(await partnerItem.textContent()).toContain('Woonkracht10 legt de stoeptegels in september vast.');
    await partnerItem.getByRole('button', { name: 'Status of bericht wijzigen' }).click();
    expect(await partnerItem.getByLabel('Wat gaan we doen').count()).toBe(0);
    await partnerItem.getByLabel('Status').selectOption('KLAAR');
    await partnerItem.getByLabel('Bericht voor bewoners').fill('De stoeptegels liggen weer vast. Dank voor het melden!');
    await partnerItem.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => partner.getByText('"Stoeptegels vastleggen" is opgeslagen.').count()).toBe(1);
    await expect.poll(async () => (await partnerItem.textContent())!.replace(/\s+/g, ' ')).toContain('Stoeptegels vastleggen Klaar');
    await screenshot(partner, 'console-partner-action-items');
    await expectAccessible(partner, 'console-partner-action-items');
    await partnerContext.close();

    // While the walk runs, the page keeps the scores back (they would steer the walkers still out).
    await phonePage.goto(`${server.url}/uitslag/${schouw.id}`);
    await expect.poll(() => phonePage.getByTestId('scores-later').count(), { timeout: 10_000 }).toBe(1);
    expect(await phonePage.getByRole('heading', { name: 'Per onderwerp' }).count()).toBe(0);
    await expect.poll(() => phonePage.getByTestId('findings-handled').count()).toBe(1);
    await ok('mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { status } }', { input: { campaignId: schouw.id, status: 'CLOSED' } }, staff);

    // The public page after the schouw, as a neighbour opens it on a phone.
    await phonePage.goto(`${server.url}/uitslag/${schouw.id}`);
    await expect.poll(() => phonePage.getByRole('heading', { level: 1 }).textContent()).toBe(schouw.name);
    await expect.poll(() => phonePage.getByTestId('overall-score').count()).toBe(1);
    expect((await phonePage.getByTestId('findings-handled').textContent())!.replace(/\s+/g, ' ').trim()).toBe('Bewoners meldden 2 dingen die aandacht nodig hebben. Daarvan is er 1 afgehandeld.');
    expect(await phonePage.getByText('Afgehandeld betekent: het is opgelost, of het kan niet worden opgepakt', { exact: false }).count()).toBe(1);
    const publicItem = phonePage.getByTestId('public-action-item');
    expect((await publicItem.textContent())!.replace(/\s+/g, ' ')).toMatch(/Stoeptegels vastleggen.*Klaar.*De stoeptegels liggen weer vast\. Dank voor het melden!.*Wie: Woonkracht10.*Klaar: september 2027/);
    expect(await phonePage.getByRole('heading', { name: 'Per onderwerp' }).count()).toBe(1);
    expect(await phonePage.getByRole('heading', { name: 'Per straat' }).count()).toBe(1);
    expect(await phonePage.getByText('Speeltuin Boerenpad').count()).toBe(0); // places are streets, not spots
    const photo = phonePage.locator('.photos img');
    await photo.scrollIntoViewIfNeeded(); // loaded lazily, as a neighbour scrolls down
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    expect(await photo.getAttribute('alt')).toBe('Foto bij een melding over heel in de Van Hoogendorpweg');
    const html = await phonePage.content();
    for (const secret of SECRETS) expect(html, secret).not.toContain(secret);
    await screenshot(phonePage, 'public-schouw-results-phone');
    await expectAccessible(phonePage, 'public-schouw-results-phone');

    const wide = await desk.newPage();
    await wide.goto(`${server.url}/uitslag/${schouw.id}`);
    await expect.poll(() => wide.getByTestId('findings-handled').count()).toBe(1);
    await wide.locator('.photos img').scrollIntoViewIfNeeded();
    await expect.poll(() => wide.locator('.photos img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
    await screenshot(wide, 'public-schouw-results-desktop');
    await expectAccessible(wide, 'public-schouw-results-desktop');

    // Switched off: gone at once, photo included.
    await page.goto(`${server.url}/beheer/campagnes/${schouw.id}`);
    await page.getByRole('switch', { name: 'Openbare uitslag aan' }).uncheck();
    await expect.poll(() => page.getByText('De openbare uitslag staat uit.').count()).toBe(1);
    await phonePage.reload();
    await expect.poll(() => phonePage.getByText('Deze uitslag is niet (meer) openbaar.').count(), { timeout: 10_000 }).toBe(1);
    expect((await fetch(`${server.url}/media/${photoId}?size=thumb`)).status).toBe(401);
    await Promise.all([phone.close(), desk.close()]);
  });
});
