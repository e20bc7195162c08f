import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, projectRoot } from '../../server/src/config.js';

describe('config', () => {
  it('uses safe defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ nodeEnv: 'development', host: '127.0.0.1', port: 3000, logLevel: 'info', demoSeed: true });
    expect(config.databasePath).toBe(path.join(projectRoot, 'data/buurtkracht.db'));
    expect(config.webBuildDir).toBe(path.join(projectRoot, 'web/build'));
  });

  it('resolves relative paths against the repository root, not the working directory', () => {
    expect(loadConfig({ DATABASE_PATH: 'elders/test.db' }).databasePath).toBe(path.join(projectRoot, 'elders/test.db'));
    expect(loadConfig({ DATABASE_PATH: '/tmp/abs.db' }).databasePath).toBe('/tmp/abs.db');
    expect(loadConfig({ DATABASE_PATH: ':memory:' }).databasePath).toBe(':memory:');
  });

  it.each([
    ['PORT', 'drieduizend'],
    ['PORT', '70000'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['DEMO_SEED', 'ja'],
    ['MAP_TILE_URL', 'http://tile.example.org/{z}/{x}/{y}.png'],
    ['MAP_TILE_URL', 'https://tile.example.org/tiles.png'],
  ])('rejects %s=%s with a message that names the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}="${value}"`));
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads DEMO_SEED=false and 0 as off', () => {
    expect(loadConfig({ DEMO_SEED: 'false' }).demoSeed).toBe(false);
    expect(loadConfig({ DEMO_SEED: '0' }).demoSeed).toBe(false);
  });

  it('takes a map tile URL template, defaults to OpenStreetMap, and turns the map background off with "none"', () => {
    expect(loadConfig({}).mapTileUrl).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(loadConfig({ MAP_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' }).mapTileUrl).toBe('https://{s}.tiles.example.org/{z}/{x}/{y}.png');
    expect(loadConfig({ MAP_TILE_URL: 'none' }).mapTileUrl).toBeNull();
  });

  describe('e-mail (SMTP_URL, MAIL_FROM)', () => {
    it('is off when SMTP_URL is unset, even with a MAIL_FROM', () => {
      expect(loadConfig({}).mail).toBeNull();
      expect(loadConfig({ MAIL_FROM: 'buurtkracht@example.org' }).mail).toBeNull();
    });

    it('takes an smtp:// or smtps:// URL with a sender address, with or without a name', () => {
      expect(loadConfig({ SMTP_URL: 'smtp://user:pass@mail.example.org:587', MAIL_FROM: 'Buurtkracht <buurtkracht@example.org>' }).mail).toEqual({
        smtpUrl: 'smtp://user:pass@mail.example.org:587',
        from: 'Buurtkracht <buurtkracht@example.org>',
      });
      expect(loadConfig({ SMTP_URL: 'smtps://mail.example.org', MAIL_FROM: 'buurtkracht@example.org' }).mail?.from).toBe('buurtkracht@example.org');
    });

    it('refuses SMTP_URL without MAIL_FROM, naming MAIL_FROM', () => {
      expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org' })).toThrow(ConfigError);
      expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org' })).toThrow(/MAIL_FROM="": required when SMTP_URL is set/);
    });

    it.each(['http://mail.example.org', 'mail.example.org:587', 'smtp://', 'smtp:// host'])('refuses SMTP_URL=%s without printing it (it may hold a password)', (value) => {
      const attempt = () => loadConfig({ SMTP_URL: value, MAIL_FROM: 'buurtkracht@example.org' });
      expect(attempt).toThrow(/SMTP_URL=\(not shown\): an smtp:\/\/ or smtps:\/\/ URL/);
    });

    it('never prints the password of a refused SMTP_URL', () => {
      expect(() => loadConfig({ SMTP_URL: 'smtpx://user:geheim-wachtwoord@mail.example.org', MAIL_FROM: 'a@example.org' })).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('geheim-wachtwoord') }),
      );
    });

    it.each(['buurtkracht', 'Buurtkracht <buurtkracht>', 'a@b.nl\r\nBcc: c@d.nl', 'twee@adressen.nl, drie@adressen.nl'])('refuses MAIL_FROM=%j', (value) => {
      expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org', MAIL_FROM: value })).toThrow(/MAIL_FROM=.*an e-mail address/);
    });
  });

  describe('several instances (DATABASE_URL, REDIS_URL, S3_*)', () => {
    it('runs on the SQLite file, rate limits in memory and photos in MEDIA_DIR unless told otherwise', () => {
      expect(loadConfig({})).toMatchObject({ databaseUrl: null, redisUrl: null, s3: null });
    });

    it('takes a PostgreSQL URL, a Redis URL and a bucket with its endpoint', () => {
      const config = loadConfig({ DATABASE_URL: 'postgres://bk:geheim@db.example:5432/bk', REDIS_URL: 'rediss://:geheim@cache.example:6380', S3_BUCKET: 'bk-fotos', S3_ENDPOINT: 'https://s3.example', S3_FORCE_PATH_STYLE: 'true' });
      expect(config).toMatchObject({ databaseUrl: 'postgres://bk:geheim@db.example:5432/bk', redisUrl: 'rediss://:geheim@cache.example:6380', s3: { bucket: 'bk-fotos', endpoint: 'https://s3.example', region: 'us-east-1', forcePathStyle: true } });
      expect(loadConfig({ DATABASE_URL: 'postgresql://db.example/bk' }).databaseUrl).toBe('postgresql://db.example/bk');
    });

    it('refuses other URLs without printing their passwords', () => {
      for (const [name, value] of [['DATABASE_URL', 'mysql://bk:geheim@db.example/bk'], ['REDIS_URL', 'http://:geheim@cache.example']] as const) {
        const refused = (() => {
          try {
            loadConfig({ [name]: value });
          } catch (error) {
            return (error as Error).message;
          }
          return '';
        })();
        expect(refused).toContain(name);
        expect(refused).not.toContain('geheim');
      }
    });

    it('refuses file backups of data that is not in the file and the folder, and an endpoint without a bucket', () => {
      expect(() => loadConfig({ DATABASE_URL: 'postgres://db.example/bk', BACKUP_DIR: 'backups' })).toThrow(/pg_dump/);
      expect(() => loadConfig({ S3_BUCKET: 'bk-fotos', BACKUP_DIR: 'backups' })).toThrow(/versioning/);
      expect(() => loadConfig({ S3_ENDPOINT: 'https://s3.example' })).toThrow(/S3_BUCKET/);
      expect(() => loadConfig({ S3_BUCKET: 'Geen Bucket' })).toThrow(/S3_BUCKET/);
    });
  });

  describe('backups and metrics', () => {
    it('schedules no backup and serves no metrics unless asked', () => {
      const config = loadConfig({});
      expect(config.backup).toBeNull();
      expect(config.metrics).toBeNull();
      expect(config.readyMinFreeDiskBytes).toBe(200 * 1024 * 1024);
    });

    it('backs up into BACKUP_DIR (relative to the repository) every 24 hours, keeping 14, unless told otherwise', () => {
      expect(loadConfig({ BACKUP_DIR: 'data/backups' }).backup).toEqual({ dir: path.join(projectRoot, 'data/backups'), intervalHours: 24, keep: 14 });
      expect(loadConfig({ BACKUP_DIR: '/srv/b', BACKUP_INTERVAL_HOURS: '0.5', BACKUP_KEEP: '3' }).backup).toEqual({ dir: '/srv/b', intervalHours: 0.5, keep: 3 });
    });

    it('serves metrics on a port of their own or behind a token, never both, never on the app port', () => {
      expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, token: null });
      const token = 'x'.repeat(32);
      expect(loadConfig({ METRICS_TOKEN: token }).metrics).toEqual({ port: null, token });
      expect(() => loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: token })).toThrow(/not both/);
      expect(() => loadConfig({ METRICS_PORT: '3000' })).toThrow(/METRICS_PORT=3000: must differ from PORT/);
    });

    it('believes X-Forwarded-For only from the proxies named in TRUST_PROXY, never from anyone', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
      for (const value of ['true', '*', 'iedereen', '1', '.', '0.0.0.0/0', '0.0.0.0/1,128.0.0.0/1', '::/1,8000::/1', '10.0.0.1/33', '10.0.0.0/8/1']) expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY=/);
    });

    it('refuses a short metrics token without printing it', () => {
      expect(() => loadConfig({ METRICS_TOKEN: 'geheim123' })).toThrow(/METRICS_TOKEN=\(not shown\): at least 24 characters/);
      expect(() => loadConfig({ METRICS_TOKEN: 'geheim123' })).not.toThrow(/geheim123/);
    });
  });
});
