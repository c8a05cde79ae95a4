/** The one list of rules, and lookups by code, name, hadolint code or BuildKit check name. */
import type { Rule } from './rule';
import { addForArchive, addInsteadOfCopy } from './rules/addInsteadOfCopy';
import { apkNoCache, apkPin } from './rules/apk';
import { aptGetNoRecommends, aptGetPin, aptGetYes, aptInsteadOfAptGet, aptListsCleanup } from './rules/apt';
import { consecutiveRun } from './rules/consecutiveRun';
import { copyMultipleSources } from './rules/copyMultipleSources';
import { copyRelativeDestination } from './rules/copyRelativeDestination';
import { directiveCasing } from './rules/directiveCasing';
import { wgetProgress, yarnCacheClean } from './rules/downloadTools';
import { envSelfReference } from './rules/envSelfReference';
import { exposePortRange } from './rules/exposePortRange';
import { pointlessCommands } from './rules/pointlessCommands';
import { copyFromMissingStage, copyFromSelf } from './rules/copyFrom';
import { copyIgnoredFile } from './rules/copyIgnoredFile';
import { duplicateStageName } from './rules/duplicateStageName';
import { emptyContinuation } from './rules/emptyContinuation';
import { exposeInvalidFormat, exposeProtoCasing } from './rules/expose';
import { fromAsCasing } from './rules/fromAsCasing';
import { fromPlatformConstant } from './rules/fromPlatformConstant';
import { latestTag, untaggedImage, untrustedRegistry } from './rules/imageTag';
import { healthcheckMissing } from './rules/healthcheckMissing';
import { instructionCasing } from './rules/instructionCasing';
import { invalidDefaultArgInFrom } from './rules/invalidDefaultArgInFrom';
import { jsonArgsRecommended } from './rules/jsonArgsRecommended';
import { jsonSingleQuotes } from './rules/jsonSingleQuotes';
import { labelSchema } from './rules/labelSchema';
import { lastUserRoot } from './rules/lastUserRoot';
import { legacyKeyValue } from './rules/legacyKeyValue';
import { maintainerDeprecated } from './rules/maintainerDeprecated';
import { multipleInstructions } from './rules/multipleInstructions';
import { gemPin, goInstallPin, npmPin } from './rules/npmGem';
import { pipefail } from './rules/pipefail';
import { pipNoCacheDir, pipPin } from './rules/pip';
import { redundantTargetPlatform } from './rules/redundantTargetPlatform';
import { reservedStageName } from './rules/reservedStageName';
import { rpmClean, rpmNonInteractive, rpmPin, zypperDistUpgrade } from './rules/rpm';
import { secretsInArgEnv } from './rules/secretsInArgEnv';
import { cdInsteadOfWorkdir, curlAndWget, shellInsteadOfLink, sudo } from './rules/shellHabits';
import { stageNameCasing } from './rules/stageNameCasing';
import { undefinedArgInFrom } from './rules/undefinedArgInFrom';
import { undefinedVar } from './rules/undefinedVar';
import { useraddLongUid } from './rules/useraddLongUid';
import { workdirRelative } from './rules/workdirRelative';
import type { LintSettings, RuleSetting } from './types';

export const RULES: readonly Rule[] = [
  fromAsCasing,
  stageNameCasing,
  instructionCasing,
  duplicateStageName,
  reservedStageName,
  emptyContinuation,
  jsonArgsRecommended,
  maintainerDeprecated,
  undefinedArgInFrom,
  undefinedVar,
  workdirRelative,
  multipleInstructions,
  legacyKeyValue,
  redundantTargetPlatform,
  secretsInArgEnv,
  invalidDefaultArgInFrom,
  exposeProtoCasing,
  exposeInvalidFormat,
  copyIgnoredFile,
  untaggedImage,
  latestTag,
  copyFromMissingStage,
  copyFromSelf,
  addInsteadOfCopy,
  untrustedRegistry,
  lastUserRoot,
  labelSchema,
  aptGetNoRecommends,
  aptGetYes,
  aptListsCleanup,
  aptGetPin,
  apkNoCache,
  apkPin,
  pipNoCacheDir,
  pipPin,
  npmPin,
  gemPin,
  rpmNonInteractive,
  rpmClean,
  rpmPin,
  cdInsteadOfWorkdir,
  sudo,
  curlAndWget,
  pipefail,
  useraddLongUid,
  consecutiveRun,
  aptInsteadOfAptGet,
  exposePortRange,
  copyMultipleSources,
  envSelfReference,
  copyRelativeDestination,
  jsonSingleQuotes,
  directiveCasing,
  fromPlatformConstant,
  goInstallPin,
  shellInsteadOfLink,
  zypperDistUpgrade,
  addForArchive,
  healthcheckMissing,
  pointlessCommands,
  wgetProgress,
  yarnCacheClean,
].sort((a, b) => compareCodes(a.code, b.code));

/**
 * Codes are ASCII (`DS` and three digits): compared by code unit. `localeCompare` would load ICU's collation data
 * into the server at start-up, ~2.5 MB of resident memory for an order that is the same.
 */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byAlias = new Map<string, Rule>();
for (const rule of RULES) {
  for (const alias of [rule.code, rule.name, ...(rule.hadolint ?? []), ...(rule.buildkit ? [rule.buildkit] : [])]) {
    byAlias.set(alias.toLowerCase(), rule);
  }
}

export function ruleByCode(codeOrAlias: string): Rule | undefined {
  return byAlias.get(codeOrAlias.trim().toLowerCase());
}

/** Our code for any name a rule is known by; undefined for names we do not know (ShellCheck codes included). */
export function canonicalCode(codeOrAlias: string): string | undefined {
  return ruleByCode(codeOrAlias)?.code;
}

/** The effective setting of a rule: the user's (by any of its names), else its default. */
export function ruleSetting(rule: Rule, settings: LintSettings): RuleSetting {
  for (const [key, value] of Object.entries(settings.rules ?? {})) {
    if (ruleByCode(key) === rule) {
      return value;
    }
  }
  return rule.enabledByDefault === false ? 'off' : rule.severity;
}
