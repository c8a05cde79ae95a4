/** .NET: one .csproj at the root or one folder down; an ASP.NET Core project listens on 8080 (.NET 8's default). */
import { busyboxWget, execForm, expose, healthcheck, lines, type Facts, type PlatformTemplate } from '../platform';
import type { ProjectFiles } from '../projectFiles';

function projects(files: ProjectFiles): string[] {
  const here = files.list('').filter((name) => name.endsWith('.csproj'));
  if (here.length > 0) return here;
  return files.list('').flatMap((folder) => files.list(folder).filter((name) => name.endsWith('.csproj')).map((name) => `${folder}/${name}`));
}

export const dotnet: PlatformTemplate = {
  id: 'dotnet',
  label: '.NET',
  detect(files): Facts | undefined {
    const found = projects(files);
    if (found.length === 0) return undefined;
    const project = found[0];
    const text = files.read(project) ?? '';
    const web = /Sdk="Microsoft\.NET\.Sdk\.Web"/.test(text);
    const assembly = /<AssemblyName>([^<]+)<\/AssemblyName>/.exec(text)?.[1] ?? project.split('/').pop()!.replace(/\.csproj$/, '');
    return {
      description: `${project}${web ? ', ASP.NET Core' : ''}`,
      port: web ? 8080 : undefined,
      entry: assembly,
      details: { project, web },
    };
  },
  dockerfile({ facts, port, entry }) {
    const runtime = facts.details.web === true ? 'aspnet' : 'runtime';
    return lines(
      '# Build with BuildKit (the default builder of Docker Engine 23 and later): the RUN cache mounts need it.',
      'FROM mcr.microsoft.com/dotnet/sdk:8.0.404-alpine3.20 AS build',
      'WORKDIR /src',
      'COPY . .',
      `RUN --mount=type=cache,target=/root/.nuget/packages dotnet publish "${String(facts.details.project)}" -c Release -o /out`,
      '',
      `FROM mcr.microsoft.com/dotnet/${runtime}:8.0.11-alpine3.20`,
      'WORKDIR /app',
      'COPY --from=build /out ./',
      // The .NET images have an unprivileged user "app".
      'USER app',
      expose(port),
      // BusyBox wget is part of Alpine: the probe needs nothing installed.
      healthcheck(port, busyboxWget),
      `ENTRYPOINT ${execForm(['dotnet', `${entry ?? 'app'}.dll`])}`,
    );
  },
  ignore: ['bin', 'obj', '*.user', '.vs', 'TestResults'],
};
