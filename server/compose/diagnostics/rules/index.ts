/** Every Compose loader rule, in one list. */
import { undeclaredResourceRule, undefinedServiceRule } from './references';
import type { ComposeRule } from './rule';
import { healthcheckTestRule, imageOrBuildRule, networkModeRule, obsoleteVersionRule, secretSourceRule } from './serviceShape';
import { durationsRule, portsRule, sizesRule, volumesRule } from './values';

export const composeRules: readonly ComposeRule[] = [
  undefinedServiceRule,
  undeclaredResourceRule,
  imageOrBuildRule,
  networkModeRule,
  healthcheckTestRule,
  secretSourceRule,
  portsRule,
  volumesRule,
  durationsRule,
  sizesRule,
  obsoleteVersionRule,
];
