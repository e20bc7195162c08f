/**
 * The real entry point (server/src/main.ts) as `npm start` runs it: start, serve, stop
 * gracefully, restart on the same database, and refuse bad configuration or a taken port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import { freePort, repoRoot, spawnServer, startServer } from '../support/server-process.js';

async function login(url: string, email: string, password: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($input: LoginInput!) { login(input: $input) { role } }', variables: { input: { email, password } } }),
  });
  return (await response.json()) as any;
}

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}, cookie = '') {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
  return { ...((await response.json()) as any), cookie: response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };
}

describe('server start-up (real process)', () => {
  let dir: string;
  let databasePath: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-start-'));
    databasePath = path.join(dir, 'data', 'buurtkracht.db');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts on a new database file, says where it is, seeds, serves, and stops cleanly on SIGTERM', async () => {
    const server = await startServer({ DATABASE_PATH: databasePath });
    try {
      expect(fs.existsSync(databasePath)).toBe(true);
      expect(server.output()).toContain(`database ready at ${databasePath}`);
      expect(server.output()).toContain('demo data seeded');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ neighbourhood(slug: "staatsliedenbuurt") { name } }' }),
      });
      expect(await response.json()).toEqual({ data: { neighbourhood: { name: 'Staatsliedenbuurt' } } });
      // The demo coordinator's password is generated and printed once; it works.
      const printed = /Demo coordinator \(shown only now\): (\S+) \/ (\S+)/.exec(server.output());
      expect(printed).not.toBeNull();
      expect((await login(server.url, printed![1]!, printed![2]!)).data.login.role).toBe('COORDINATOR');
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    expect(server.output()).toContain('"msg":"stopped"');
  });

  it('prints, before "Server listening", where to open the app and the console, and a working demo invite per campaign dated from today', async () => {
    const file = path.join(dir, 'first-start', 'buurtkracht.db');
    const server = await startServer({ DATABASE_PATH: file });
    try {
      const output = server.output();
      const text = output.slice(0, output.indexOf('Server listening at'));
      expect(text).toContain(`Open the app:  http://localhost:${server.port}`);
      expect(text).toContain(`Console:       http://localhost:${server.port}/beheer`);
      const [, email, password] = /Demo coordinator \(shown only now\): (\S+) \/ (\S+)/.exec(text)!;
      const invites = [...text.matchAll(/^ {4}(.+): code ([A-Z0-9]+) {2}(\S+)$/gm)];
      expect(invites.map((m) => m[1])).toEqual([
        expect.stringMatching(/^Tegelwippen \d{4} \(demo\)$/),
        expect.stringMatching(/^Buurtschouw \d{4} \(demo\)$/),
        expect.stringMatching(/^Opruimactie \d{4} \(demo\)$/),
      ]);
      const today = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
      for (const [, name, code, link] of invites) {
        expect(link).toBe(`http://localhost:${server.port}/meedoen/${code}`);
        const preview = await graphql(server.url, 'query($code: String!) { invitePreview(code: $code) { campaignName campaignKind } }', { code });
        expect(preview.data.invitePreview.campaignName).toBe(name);
      }
      // Each demo campaign is open for sign-up, and the printed form link answers its form.
      const forms = [...text.matchAll(/^ {4}(.+): (http:\/\/localhost:\d+\/aanmelden\/(\S+))$/gm)];
      expect(forms.map((m) => m[1])).toEqual(invites.map((m) => m[1]));
      for (const [, name, , campaignId] of forms) {
        const form = await graphql(server.url, 'query($id: ID!) { signupForm(campaignId: $id) { campaignName } }', { id: campaignId });
        expect(form.data.signupForm.campaignName).toBe(name);
      }
      // The campaigns' first day is today, so the counter and the walk open on a current day.
      const { cookie } = await graphql(server.url, 'mutation($input: LoginInput!) { login(input: $input) { role } }', { input: { email, password } });
      const campaigns = await graphql(server.url, '{ campaigns(first: 10) { edges { node { kind status days { date } } } } }', {}, cookie);
      // Last year's schouw (closed) is there too, for comparison; the open ones start today.
      const edges = (campaigns.data.campaigns.edges as { node: { kind: string; status: string; days: { date: string }[] } }[]).filter((e) => e.node.status === 'OPEN');
      expect(edges.map((e) => e.node.kind).sort()).toEqual(['OPRUIMEN', 'SCHOUW', 'TEGELWIPPEN']);
      for (const e of edges) expect(e.node.days[0]!.date).toBe(today);
      // PUBLIC_URL defaults to localhost: the log and the text say phones cannot reach it.
      expect(text).toMatch(/"level":40,.*PUBLIC_URL is http:\/\/localhost:\d+, which phones cannot reach/);
      expect(text).toMatch(/Note: PUBLIC_URL is http:\/\/localhost:\d+, which phones cannot reach.*HOST=0\.0\.0\.0 PUBLIC_URL=http:\/\/\S+ npm start/);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    expect(server.output()).toContain('"msg":"stopped"');
  });

  it('reuses the same database on a second start without seeding again', async () => {
    const server = await startServer({ DATABASE_PATH: databasePath });
    try {
      expect(server.output()).toContain('"migrationsApplied":0');
      expect(server.output()).not.toContain('demo data seeded');
      expect(server.output()).not.toContain('Demo coordinator');
      // The demo invites are shown again: their codes are not secrets.
      expect(server.output()).toMatch(/Tegelwippen \d{4} \(demo\): code [A-Z0-9]+/);
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ neighbourhoods(first: 10) { edges { node { streets(first: 50) { edges { node { name } } } } } } }' }),
      });
      const body = (await response.json()) as any;
      expect(body.data.neighbourhoods.edges).toHaveLength(1);
      expect(body.data.neighbourhoods.edges[0].node.streets.edges).toHaveLength(5);
    } finally {
      await server.stop('SIGINT');
    }
  });

  it('fails with a clear message when the port is already taken', async () => {
    const first = await startServer({ DATABASE_PATH: databasePath });
    try {
      const second = spawnServer({ DATABASE_PATH: databasePath, HOST: '127.0.0.1', PORT: String(first.port) });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`Port ${first.port} on 127.0.0.1 is already in use`);
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    } finally {
      await first.stop();
    }
  });

  it('creates the first admin from the command line with a generated password that signs in', async () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/admin-create.ts', '--email', 'Beheer@Test.example'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const password = /Password \(shown only now; change it after signing in\): (\S+)/.exec(result.stdout)?.[1];
    expect(password).toBeTruthy();
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/admin-create.ts', '--email', 'beheer@test.example'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath },
      encoding: 'utf8',
    });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('Er is al een account met dit e-mailadres.');
    const server = await startServer({ DATABASE_PATH: databasePath });
    try {
      expect((await login(server.url, 'beheer@test.example', password!)).data.login.role).toBe('ADMIN');
    } finally {
      await server.stop();
    }
  });

  it('does not warn about PUBLIC_URL when it is an address phones can reach', async () => {
    const server = await startServer({ DATABASE_PATH: databasePath, PUBLIC_URL: 'https://buurtkracht.example.org' });
    try {
      expect(server.output()).not.toContain('phones cannot reach');
      expect(server.output()).toContain('https://buurtkracht.example.org/meedoen/');
    } finally {
      await server.stop();
    }
  });

  describe('npm start (server/src/start.ts) builds the web app quietly', () => {
    // A stand-in for npm on PATH, so the test does not rebuild web/build under other tests.
    const fakeBin = () => {
      const bin = path.join(dir, 'fake-bin');
      fs.mkdirSync(bin, { recursive: true });
      fs.writeFileSync(path.join(bin, 'npm'), '#!/bin/sh\necho "vite building for production... transforming 1234 modules"\necho "x Build failed: web/src/broken.ts" >&2\n[ "$FAKE_BUILD" = fail ] && exit 1\nexit 0\n', { mode: 0o755 });
      return bin;
    };
    const run = (env: Record<string, string>) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/start.ts'], {
        cwd: repoRoot,
        env: { PATH: `${fakeBin()}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '', DATABASE_PATH: databasePath, HOST: '127.0.0.1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += String(chunk)));
      child.stderr.on('data', (chunk) => (output += String(chunk)));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      return { child, output: () => output, exited };
    };

    it('shows nothing of a build that works, then starts', async () => {
      expect(JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts.start).toBe('node --import tsx server/src/start.ts');
      const port = await freePort();
      const started = run({ PORT: String(port) });
      const deadline = Date.now() + 30_000;
      while (!started.output().includes('Server listening at') && started.child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      try {
        expect(started.output()).toContain('Server listening at');
        expect(started.output()).toMatch(/Building the web app…\nWeb app built in [\d.]+ s\./);
        expect(started.output()).not.toContain('transforming');
        expect(started.output()).not.toContain('Build failed');
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      } finally {
        started.child.kill('SIGTERM');
        expect(await started.exited).toBe(0);
      }
    });

    it('shows the build output when the build fails, and does not start', async () => {
      const failed = run({ PORT: String(await freePort()), FAKE_BUILD: 'fail' });
      expect(await failed.exited).toBe(1);
      expect(failed.output()).toContain('transforming 1234 modules');
      expect(failed.output()).toContain('x Build failed: web/src/broken.ts');
      expect(failed.output()).toContain('The web app could not be built (exit code 1)');
      expect(failed.output()).not.toContain('Server listening');
    });
  });

  it('refuses an invalid setting and names the variable', async () => {
    const attempt = spawnServer({ DATABASE_PATH: databasePath, PORT: 'abc' });
    expect(await attempt.exited).toBe(1);
    expect(attempt.output()).toMatch(/Invalid configuration:\s+PORT="abc"/);
  });
});
