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
});
