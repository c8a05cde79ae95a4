/**
 * Loads the shell parser before the tests of any file importing this, as the server and the CLI do at start.
 * Linting without it throws, so a test that forgets it fails instead of passing with the shell rules silent.
 */
import { before } from 'node:test';
import { initShellParser } from '../../server/dockerfile/lint/shell/bashParser';

before(() => initShellParser());
