/**
 * The inputs and outputs tables of each action's README, generated from its action.yml (which a
 * contract test keeps in agreement with the zod schema), between marker comments.
 */
import type { ActionManifest } from './local-runner.js';
import { markdownTable } from './summary.js';

export const TABLES_START = '<!-- generated:inputs-outputs:start (npm run docs) -->';
export const TABLES_END = '<!-- generated:inputs-outputs:end -->';

function oneLine(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s*\n\s*/g, ' ');
}

export function renderInputsAndOutputs(manifest: ActionManifest): string {
  const inputs = Object.entries(manifest.inputs).map(([name, declaration]) => [
    `\`${name}\``,
    oneLine(declaration.description),
    declaration.default === undefined || declaration.default === '' ? '' : `\`${String(declaration.default).replace(/\n/g, '\\n')}\``,
    declaration.required ? 'yes' : '',
  ]);
  const outputs = Object.entries(manifest.outputs).map(([name, declaration]) => [`\`${name}\``, oneLine(declaration.description)]);
  return [
    TABLES_START,
    '### Inputs',
    '',
    markdownTable(['input', 'description', 'default', 'required'], inputs),
    '',
    '### Outputs',
    '',
    outputs.length ? markdownTable(['output', 'description'], outputs) : '_none_',
    TABLES_END,
  ].join('\n');
}

/** The README with its generated section replaced (or appended when it has none). */
export function updateReadme(readme: string, manifest: ActionManifest): string {
  const section = renderInputsAndOutputs(manifest);
  const start = readme.indexOf(TABLES_START);
  const end = readme.indexOf(TABLES_END);
  if (start >= 0 && end > start) return readme.slice(0, start) + section + readme.slice(end + TABLES_END.length);
  return `${readme.replace(/\n*$/, '')}\n\n## Inputs and outputs\n\n${section}\n`;
}
