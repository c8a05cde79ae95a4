import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { lintDockerfile } from '../../server/dockerfile/lint';
import '../support/shellParser';

const corpus = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'dockerfiles');

test('no error-level finding on the real-world corpus', { skip: fs.existsSync(corpus) ? false : 'corpus ../shared/corpus/dockerfiles not found' }, () => {
  const files = fs.readdirSync(corpus).filter((name) => name.endsWith('Dockerfile'));
  assert.ok(files.length > 100);
  const errors: string[] = [];
  for (const name of files) {
    const text = fs.readFileSync(path.join(corpus, name), 'utf8');
    for (const finding of lintDockerfile({ text, dockerfile: DockerfileParser.parse(text) })) {
      if (finding.severity === 'error') {
        errors.push(`${name}:${finding.range.start.line + 1} ${finding.code} ${finding.message}`);
      }
    }
  }
  assert.deepEqual(errors, []);
});
