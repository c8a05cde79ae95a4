import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImageInfo } from 'dockerode';
import { toLocalImages } from '../../src/language/localImages';
import { RestartPolicy } from '../../src/language/restartPolicy';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { findingToDiagnostic, fixesOf } from '../../server/dockerfile/diagnostics/findings';
import { normaliseSettings } from '../../server/settings';

test('a crashing server is restarted at most four times in three minutes, then again after the window', () => {
  let now = 0;
  const policy = new RestartPolicy(4, 180_000, () => now);
  const decisions = [0, 1000, 2000, 3000, 4000].map((time) => {
    now = time;
    return policy.shouldRestart();
  });
  assert.deepEqual(decisions, [true, true, true, true, false]);
  now = 200_000;
  assert.equal(policy.shouldRestart(), true, 'old crashes fall out of the window');
  policy.reset();
  assert.equal(policy.recentCrashes, 0);
});

test('engine images become one local image per repository:tag, untagged ones left out', () => {
  const info = (id: string, tags: string[] | undefined, digests?: string[] | null): ImageInfo =>
    ({ Id: id, RepoTags: tags, Size: 1000, Created: 1_700_000_000, ...(digests !== undefined ? { RepoDigests: digests } : {}) }) as ImageInfo;
  const images = toLocalImages(
    [
      // Docker Engine 20.10 answers null for an image built here, later ones [].
      info('sha256:b', ['localhost:5000/app:2', 'app:latest'], null),
      info('sha256:c', ['tools:1'], []),
      info('sha256:p', ['alpine:3.20'], ['alpine@sha256:aaaa']),
      info('sha256:n', ['<none>:<none>']),
      info('sha256:u', undefined),
    ],
    new Map([['sha256:b', 3]]),
  );
  assert.deepEqual(images, [
    { repository: 'alpine', tag: '3.20', id: 'sha256:p', size: 1000, created: 1_700_000_000, layers: undefined, repoDigests: ['alpine@sha256:aaaa'] },
    { repository: 'app', tag: 'latest', id: 'sha256:b', size: 1000, created: 1_700_000_000, layers: 3, repoDigests: [] },
    { repository: 'localhost:5000/app', tag: '2', id: 'sha256:b', size: 1000, created: 1_700_000_000, layers: 3, repoDigests: [] },
    { repository: 'tools', tag: '1', id: 'sha256:c', size: 1000, created: 1_700_000_000, layers: undefined, repoDigests: [] },
  ]);
});

test('settings keep what is valid and default the rest', () => {
  assert.deepEqual(
    normaliseSettings({
      rules: { DL3007: 'off', DL3008: 'loud', DL3009: 3, 'untagged-image': 'error', SC2086: 'info', NOPE1: 'off' },
      trustedRegistries: ['docker.io', 3, ''],
      labelSchema: { maintainer: 'email', version: 'number' },
      shellcheck: { enabled: 'no', executablePath: ' /opt/shellcheck ', maxLines: -5 },
      format: { ignoreMultilineInstructions: 'yes' },
      diagnostics: { delay: -1 },
    }),
    {
      lint: {
        rules: { DS202: 'off', DS201: 'error', SC2086: 'info' },
        trustedRegistries: ['docker.io'],
        labelSchema: { maintainer: 'email' },
      },
      lintProblems: [
        'dockside.dockerfile.rules.DL3008: expected one of off, error, warning, info, style',
        'dockside.dockerfile.rules.DL3009: expected one of off, error, warning, info, style',
        "dockside.dockerfile.rules: unknown rule 'NOPE1'",
        'dockside.dockerfile.labelSchema.version: expected one of text, url, semver, hash, rfc3339, spdx, email',
      ],
      shellcheck: { enabled: true, executablePath: '/opt/shellcheck', maxLines: 5000 },
      format: { ignoreMultilineInstructions: false },
      diagnostics: { delay: 150 },
    },
  );
  assert.deepEqual(normaliseSettings(null).lint, {});
});

test('a linter finding becomes a dockside diagnostic with its code, link, severity and fixes', () => {
  const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } };
  const fixes = [{ title: 'Fix it', edits: [{ range, newText: 'COPY' }] }];
  const severities = [
    ['error', DiagnosticSeverity.Error],
    ['warning', DiagnosticSeverity.Warning],
    ['info', DiagnosticSeverity.Information],
    ['style', DiagnosticSeverity.Hint],
  ] as const;
  for (const [severity, expected] of severities) {
    const diagnostic = findingToDiagnostic({ code: 'DL3020', severity, message: 'Use COPY', range, href: 'https://example.invalid/DL3020', fixes });
    assert.deepEqual(diagnostic, {
      range,
      severity: expected,
      source: 'dockside',
      code: 'DL3020',
      message: 'Use COPY',
      codeDescription: { href: 'https://example.invalid/DL3020' },
      data: { fixes },
    });
    assert.deepEqual(fixesOf(diagnostic), fixes);
  }
  const bare = findingToDiagnostic({ code: 'X1', severity: 'info', message: 'm', range });
  assert.equal(bare.codeDescription, undefined);
  assert.deepEqual(fixesOf(bare), []);
});
