/** The platform templates, in the order detection tries them (a manifest that names a platform first). */
import type { PlatformTemplate } from '../platform';
import { dotnet } from './dotnet';
import { go } from './go';
import { java } from './java';
import { node } from './node';
import { php } from './php';
import { python } from './python';
import { ruby } from './ruby';
import { rust } from './rust';

export const platforms: readonly PlatformTemplate[] = [node, python, go, java, dotnet, rust, ruby, php];
