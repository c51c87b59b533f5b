/**
 * The entry. In a git checkout the listing (git's own commands) and loading the rest of the action
 * (zod, YAML, the core) each take several hundredths of a second: start git first, from the raw
 * inputs, then load the rest. The inputs are validated afterwards; listFiles takes the listing over only for
 * the working directory they name.
 */
import { resolve } from 'node:path';
import { getState, inputVariable } from '../../core/workflow-commands.js';
import { startGitListing } from './git-run.js';

const input = (name: string) => process.env[inputVariable(name)]?.trim() ?? '';
// Without components (a required input) the run stops at validation: nothing to list.
if (getState('isPost') !== 'true' && input('components') && !/^false$/i.test(input('respect-gitignore'))) {
  startGitListing(resolve(input('working-directory') || '.'));
}
await import('./run.js');
