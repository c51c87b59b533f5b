import { describe, expect, it } from 'vitest';
import { escapeCell, markdownTable, Summary } from './summary.js';

describe('job summary', () => {
  it('escapes table cells so a pipe or newline cannot break a row', () => {
    expect(escapeCell('a|b\nc')).toBe('a\\|b<br>c');
    expect(escapeCell(undefined)).toBe('');
    expect(markdownTable(['x', 'y'], [[1, 'a|b']])).toBe('| x | y |\n| --- | --- |\n| 1 | a\\|b |');
  });

  it('renders blocks in order and skips empty tables and lists', () => {
    const summary = new Summary().heading('Tests').table(['a'], []).list([]).paragraph('all good');
    expect(summary.render()).toBe('### Tests\n\nall good\n\n');
  });

  it('drops optional blocks first when over the limit, then cuts with a note', () => {
    const summary = new Summary().heading('Result').add('x'.repeat(500), { optional: true }).paragraph('kept');
    const trimmed = summary.render(200);
    expect(trimmed).toContain('### Result');
    expect(trimmed).toContain('kept');
    expect(trimmed).not.toContain('xxxx');
    expect(trimmed).toContain('step-summary limit');
    const cut = new Summary().paragraph('y'.repeat(1000)).render(300);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(300);
    expect(cut).toContain('step-summary limit');
  });

  it('uses a longer fence when the code contains one', () => {
    expect(new Summary().code('```inner```').render()).toBe('````\n```inner```\n````\n\n');
  });
});
