import { describe, expect, it } from 'vitest';
import { renderSummaryAsText } from './summary-text.js';

describe('job summary as terminal text', () => {
  it('aligns tables, underlines headings and drops HTML', () => {
    const markdown = [
      '### Changed components',
      '',
      '| component | status |',
      '| --- | --- |',
      '| web | changed<br>2 files |',
      '| a\\|b | unchanged |',
      '',
      '<details><summary>Files</summary>',
      '',
      '- src/a.ts',
      '',
      '</details>',
      '<sub>incremental-hash · 120 ms · success</sub>',
    ].join('\n');
    expect(renderSummaryAsText(markdown)).toBe(
      [
        'Changed components',
        '──────────────────',
        '',
        'component  status',
        '─────────  ───────────────',
        'web        changed 2 files',
        'a|b        unchanged',
        '',
        'Files',
        '',
        '- src/a.ts',
        '',
        'incremental-hash · 120 ms · success',
      ].join('\n'),
    );
  });

  it('turns alerts into labelled lines', () => {
    expect(renderSummaryAsText('> [!CAUTION]\n> deploy failed: gate')).toBe('CAUTION:\n  deploy failed: gate');
  });
});
