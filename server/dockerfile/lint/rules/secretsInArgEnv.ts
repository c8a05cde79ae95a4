import type { Arg, Env, Property } from 'dockerfile-ast';
import type { Rule, RuleReport } from '../rule';

const SECRET_WORDS = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token']);
/** Words that say the value is not the secret itself (a public key, a key id, a path to a secret file…). */
const NOT_A_SECRET = new Set(['public', 'pub', 'gpg', 'pgp', 'fingerprint', 'id', 'ids', 'file', 'path', 'dir', 'url', 'uri', 'name', 'type', 'size', 'length', 'server', 'host', 'keyserver', 'keyring', 'signing', 'version', 'ver', 'release', 'enabled', 'enable', 'required', 'filter', 'filters', 'method', 'mode', 'algorithm']);

export const secretsInArgEnv: Rule = {
  code: 'DS115',
  name: 'secrets-in-arg-env',
  title: 'A secret passed through ARG or ENV stays in the image',
  severity: 'warning',
  buildkit: 'SecretsUsedInArgOrEnv',
  description:
    'Build arguments and environment variables are kept in the image history and metadata. Pass secrets with `RUN --mount=type=secret`. Names are split at `_`, `-` and camel case; names saying the value is public, an id, a file or a URL are not reported.',
  check(context) {
    const reports: RuleReport[] = [];
    for (const instruction of context.instructions) {
      const keyword = instruction.getKeyword();
      let properties: Property[] = [];
      if (keyword === 'ARG') {
        properties = (instruction as Arg).getProperties();
      } else if (keyword === 'ENV') {
        properties = (instruction as Env).getProperties();
      }
      for (const property of properties) {
        const words = property
          .getName()
          .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
          .toLowerCase()
          .split(/[_\-.]+/);
        if (words.some((word) => SECRET_WORDS.has(word)) && !words.some((word) => NOT_A_SECRET.has(word))) {
          reports.push({
            range: property.getNameRange(),
            message: `Do not use ARG or ENV instructions for sensitive data (${keyword} "${property.getName()}")`,
          });
        }
      }
    }
    return reports;
  },
};
