import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/src/config.js';
import { printedSchema } from '../../server/src/graphql/schema.js';

describe('schema.graphql', () => {
  it('matches the schema printed from the code', () => {
    const file = path.join(projectRoot, 'schema.graphql');
    const onDisk = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (onDisk !== printedSchema()) {
      expect.fail('schema.graphql is out of date with the code: run npm run schema:print and commit the result');
    }
  });
});
