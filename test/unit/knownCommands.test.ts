import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withKnownCommands } from '../../src/language/knownCommands';

test('a code lens whose command is not registered is left out; lenses without a command stay', () => {
  const up = { title: '▶ Up', command: { command: 'dockside.compose.up' } };
  const logs = { title: 'Logs', command: { command: 'dockside.compose.logs' } };
  const unresolved: { title: string; command?: { command: string } } = { title: 'later' };
  assert.deepEqual(withKnownCommands([up, logs, unresolved], new Set(['dockside.compose.logs'])), [logs, unresolved]);
  assert.deepEqual(withKnownCommands([up], new Set(['dockside.compose.up'])), [up]);
});
