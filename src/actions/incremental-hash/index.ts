/**
 * The entry. In a git checkout the listing (git's own commands) and loading the rest of the action
 * (zod, YAML, the core) each take about a tenth of a second: start git first, from the raw inputs,
 * then load the rest. The inputs are validated afterwards; listFiles takes the listing over only for
 * the working directory they name.
 */
import { resolve } from 'node:path';
import { getState, inputVariable } from '../../core/workflow-commands.js';
import { startGitListing } from './file-listing.js';

const respectGitignore = !/^false$/i.test(process.env[inputVariable('respect-gitignore')]?.trim() ?? '');
if (getState('isPost') !== 'true' && respectGitignore) {
  startGitListing(resolve(process.env[inputVariable('working-directory')]?.trim() || '.'));
}
await import('./run.js');
