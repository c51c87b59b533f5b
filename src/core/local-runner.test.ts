import { describe, expect, it } from 'vitest';
import { evaluateDefault, evaluatePostIf, parseFileCommands, parseWorkflowCommands } from './local-runner.js';
import { annotationCommand, formatFileCommandValue } from './workflow-commands.js';

describe('the runner protocol as the local runner reads it', () => {
  it('reads both file-command forms, multi-line values included', () => {
    const text = `plain=a=b\n${formatFileCommandValue('multi', 'line one\nline two\n')}${formatFileCommandValue('empty', '')}`;
    expect(parseFileCommands(text)).toEqual({ plain: 'a=b', multi: 'line one\nline two\n', empty: '' });
  });

  it('refuses a heredoc without its closing delimiter', () => {
    expect(() => parseFileCommands('name<<EOF\nvalue\n')).toThrow(/no closing delimiter/);
  });

  it('round-trips annotations with escaped properties and messages', () => {
    const line = annotationCommand('error', '50% failed\nsee log', { file: 'a,b:c.ts', line: 3, title: 'x' });
    expect(line).toBe('::error title=x,file=a%2Cb%3Ac.ts,line=3::50%25 failed%0Asee log');
    expect(parseWorkflowCommands(`noise\n${line}\n::add-mask::hidden\n`)).toEqual({
      annotations: [{ level: 'error', message: '50% failed\nsee log', properties: { title: 'x', file: 'a,b:c.ts', line: '3' } }],
      masks: ['hidden'],
    });
  });

  it('evaluates post-if like the runner', () => {
    expect(evaluatePostIf('always()', 'failure')).toBe(true);
    expect(evaluatePostIf('success()', 'success')).toBe(true);
    expect(evaluatePostIf('success()', 'failure')).toBe(false);
    expect(evaluatePostIf('${{ failure() }}', 'failure')).toBe(true);
    expect(evaluatePostIf('!cancelled()', 'failure')).toBe(true);
    expect(evaluatePostIf('!cancelled()', 'cancelled')).toBe(false);
    expect(evaluatePostIf('success() || failure()', 'failure')).toBe(true);
    expect(evaluatePostIf('(success() && !cancelled())', 'success')).toBe(true);
    expect(evaluatePostIf('true', 'failure')).toBe(false);
    expect(() => evaluatePostIf('github.ref == x', 'success')).toThrow(/unsupported post-if/);
  });

  it('fills input defaults from the runner contexts', () => {
    const env = { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'o/r', RUNNER_TEMP: '/tmp/r' };
    expect(evaluateDefault('${{ github.token }}', env)).toBe('t');
    expect(evaluateDefault('${{ github.repository }}-${{runner.temp}}', env)).toBe('o/r-/tmp/r');
    expect(() => evaluateDefault('${{ secrets.X }}', env)).toThrow(/unsupported expression/);
  });
});
