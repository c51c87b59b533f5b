import { describe, expect, it } from 'vitest';
import { readComponentTexts } from './component-texts.js';
import { parseComponents } from './components.js';
import { isIgnored, parseGitignore } from './gitignore.js';
import { compileGlob } from './matcher.js';
import { gitignoreFixtures } from './test-trees.js';

describe('components', () => {
  it('reads every form of the definition', () => {
    expect(
      parseComponents({
        web: 'web/**',
        api: ['api/**', '!api/**/*.md'],
        shared: { paths: 'libs/shared/', 'depends-on': [] },
        app: { paths: ['app/**'], 'depends-on': ['shared'] },
      }),
    ).toEqual([
      { name: 'web', include: ['web/**'], exclude: [], dependsOn: [] },
      { name: 'api', include: ['api/**'], exclude: ['api/**/*.md'], dependsOn: [] },
      { name: 'shared', include: ['libs/shared/**'], exclude: [], dependsOn: [] },
      { name: 'app', include: ['app/**'], exclude: [], dependsOn: ['shared'] },
    ]);
    expect(parseComponents(['services/a', './services/b/'])).toEqual([
      { name: 'services/a', include: ['services/a/**'], exclude: [], dependsOn: [] },
      { name: 'services/b', include: ['services/b/**'], exclude: [], dependsOn: [] },
    ]);
  });

  it('refuses unknown dependencies, cycles and components with only negations', () => {
    expect(() => parseComponents({ a: { paths: 'a/**', 'depends-on': ['nope'] } })).toThrow(/depends on 'nope', which is not a component/);
    expect(() =>
      parseComponents({
        a: { paths: 'a/**', 'depends-on': ['b'] },
        b: { paths: 'b/**', 'depends-on': ['c'] },
        c: { paths: 'c/**', 'depends-on': ['a'] },
      }),
    ).toThrow('components depend on each other in a cycle: a → b → c → a');
    expect(() => parseComponents({ a: ['!a/**'] })).toThrow(/only negated globs/);
  });
});

describe('matching files to components', () => {
  it('treats dir/** as a prefix and everything else as a glob', () => {
    expect(compileGlob('src/**')('src/a/b.ts')).toBe(true);
    expect(compileGlob('src/**')('srcx/a.ts')).toBe(false);
    expect(compileGlob('**/*.md')('docs/a/readme.md')).toBe(true);
    expect(compileGlob('*.json')('package.json')).toBe(true);
    expect(compileGlob('*.json')('a/package.json')).toBe(false);
    expect(compileGlob('src/{a,b}/**')('src/b/x')).toBe(true);
    expect(compileGlob('**')('.github/workflows/ci.yml')).toBe(true);
  });

  it('applies negations per component and lets a file belong to several', () => {
    const components = parseComponents({ api: ['api/**', '!api/**/*.md'], docs: '**/*.md', all: '**', web: 'web/**' });
    // As a walk lists them, in code point order; `gone` vanished before it was read.
    const paths = ['api/README.md', 'api/a.ts', 'gone', 'web/x.md', 'z'];
    const texts = readComponentTexts(components, {
      paths,
      identities: paths.map((path) => (path === 'gone' ? undefined : `100644 id-${path}`)),
    });
    const filesOf = (name: string) => [...(texts.get(name)?.files.matchAll(/\t([^\0]*)\0/g) ?? [])].map((match) => match[1]);
    expect(filesOf('api')).toEqual(['api/a.ts']);
    expect(filesOf('docs')).toEqual(['api/README.md', 'web/x.md']);
    expect(filesOf('all')).toEqual(['api/README.md', 'api/a.ts', 'web/x.md', 'z']);
    expect(filesOf('web')).toEqual(['web/x.md']);
    expect(texts.get('all')?.count).toBe(4);
    expect(texts.get('web')?.files).toBe('100644 id-web/x.md 0\tweb/x.md\0');
  });
});

describe('.gitignore rules', () => {
  it.each(gitignoreFixtures)('$name', ({ gitignore, base, ignored, kept }) => {
    const rules = parseGitignore(gitignore, base);
    for (const [path, isDirectory] of ignored) expect(isIgnored(rules, path, isDirectory), `${path} ignored`).toBe(true);
    for (const [path, isDirectory] of kept) expect(isIgnored(rules, path, isDirectory), `${path} kept`).toBe(false);
  });
});
