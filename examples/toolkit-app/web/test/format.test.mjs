import assert from 'node:assert';
import { test } from 'node:test';
import { title } from '../src/format.mjs';

test('title-cases words', () => assert.strictEqual(title('build tools'), 'Build Tools'));
test('collapses spaces', () => assert.strictEqual(title('  a   b '), 'A B'));
