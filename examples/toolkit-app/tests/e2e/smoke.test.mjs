import assert from 'node:assert';
import { test } from 'node:test';

test('the example builds end to end', () => assert.ok(true));
