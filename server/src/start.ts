/**
 * `npm start`: builds the web app, then starts the server (main.ts). The build's own
 * output (vite's progress and file list, dozens of lines) is kept back and shown only
 * when the build fails, so the start-up text is what a person sees.
 */
import { spawnSync } from 'node:child_process';
import { projectRoot } from './config.js';

process.stdout.write('Building the web app…\n');
const started = Date.now();
const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  process.stderr.write(`\nThe web app could not be built (${build.error ? build.error.message : `exit code ${build.status}`}); see above.\n`);
  process.exit(1);
}
process.stdout.write(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
await import('./main.js');
