import type { Rule, RuleReport } from '../rule';
import { variableReferences } from './variables';

/** Architecture names the builder reads as another (containerd's platform normalisation). */
const ARCHITECTURE_ALIASES: Record<string, string> = {
  i386: '386',
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
};

const KNOWN_OSES = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos', 'wasip1']);

/**
 * The OS and architecture a constant `--platform` names, as the builder normalises them (`linux/x86_64` is
 * linux/amd64, `macos` is darwin); a lone component is an OS or an architecture, the other part being the
 * builder's own and so unknown here. Undefined when the builder would reject the value (it fails there instead).
 */
export function platformParts(value: string): { os?: string; architecture?: string } | undefined {
  const parts = value.split('/');
  if (parts.length > 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
    return undefined;
  }
  const os = (name: string) => (name.toLowerCase() === 'macos' ? 'darwin' : name.toLowerCase());
  const architecture = (name: string) => ARCHITECTURE_ALIASES[name.toLowerCase()] ?? name.toLowerCase();
  if (parts.length > 1) {
    return { os: os(parts[0]), architecture: architecture(parts[1]) };
  }
  return KNOWN_OSES.has(os(parts[0])) ? { os: os(parts[0]) } : { architecture: architecture(parts[0]) };
}

export const fromPlatformConstant: Rule = {
  code: 'DS126',
  name: 'from-platform-flag-const-disallowed',
  title: 'FROM --platform should not be a constant',
  severity: 'warning',
  hadolint: ['DL3029'],
  buildkit: 'FromPlatformFlagConstDisallowed',
  description:
    'A constant `FROM --platform=linux/amd64` builds that stage for one platform whatever `docker build --platform` asks, so the Dockerfile cannot make a multi-platform image. Leave the flag out and choose the platform on the command line, or use a variable (`--platform=$BUILDPLATFORM` for a stage that cross-compiles). A stage meant for one platform can keep the constant: name it after the platform (`AS build_arm64`), as BuildKit then does not warn.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const stage of context.stages) {
      const flag = stage.from.getPlatformFlag();
      const value = flag?.getValue();
      if (!flag || !value || variableReferences(value, context.escape).length > 0) {
        continue;
      }
      const parts = platformParts(value);
      // BuildKit compares with the stage name, which it reads in lowercase.
      const name = stage.name?.toLowerCase() ?? '';
      if (!parts || (parts.os && name.includes(parts.os)) || (parts.architecture && name.includes(parts.architecture))) {
        continue;
      }
      reports.push({ range: flag.getRange(), message: `FROM --platform flag should not use constant value ${JSON.stringify(value)}` });
    }
    return reports;
  },
};
