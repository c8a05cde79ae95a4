import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseBuilder, isBuildKitRefusal, parseBuilderSetting } from '../../src/build/builderChoice';

test('builder choice: the setting, else the engine header; what counts as a refusal of BuildKit', () => {
  assert.equal(chooseBuilder('auto', '2'), 'buildkit');
  assert.equal(chooseBuilder('auto', '1'), 'classic');
  assert.equal(chooseBuilder('auto', undefined), 'classic');
  assert.equal(chooseBuilder('buildkit', undefined), 'buildkit');
  assert.equal(chooseBuilder('buildkit', '1'), 'buildkit');
  assert.equal(chooseBuilder('classic', '2'), 'classic');
  assert.equal(parseBuilderSetting('BuildKit'), 'auto');
  assert.equal(parseBuilderSetting('classic'), 'classic');
  assert.equal(parseBuilderSetting(undefined), 'auto');

  assert.equal(isBuildKitRefusal({ statusCode: 400, message: 'buildkit is not enabled on daemon' }), true);
  assert.equal(isBuildKitRefusal({ statusCode: 400, message: 'invalid version 2' }), true);
  assert.equal(isBuildKitRefusal({ statusCode: 501, message: 'Not Implemented' }), true);
  // Failures of the build itself or of its parameters are not.
  assert.equal(isBuildKitRefusal({ statusCode: 400, message: 'invalid reference format: repository name must be lowercase' }), false);
  assert.equal(isBuildKitRefusal({ statusCode: 500, message: 'failed to solve with frontend dockerfile.v0: buildkit failed' }), false);
  assert.equal(isBuildKitRefusal({ message: 'connect ECONNREFUSED (engine socket)' }), false);
});
