// Where the repository is, and how the scripts talk to the terminal. Node built-ins only.
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function log(message) {
  process.stderr.write(`[pipewright] ${message}\n`);
}
