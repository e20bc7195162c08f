/** `npm run schema:print`: writes the schema from the code to the top-level schema.graphql. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { printedSchema } from './schema.js';

const target = path.join(projectRoot, 'schema.graphql');
writeFileSync(target, printedSchema());
console.log(`Wrote ${path.relative(process.cwd(), target) || target}`);
