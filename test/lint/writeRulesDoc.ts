// `npm run docs:rules`: regenerates docs/rules.md from the rule registry.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulesMarkdown } from '../../server/dockerfile/lint';

fs.writeFileSync(path.resolve(import.meta.dirname, '..', '..', 'docs', 'rules.md'), renderRulesMarkdown());
