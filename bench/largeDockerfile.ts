/** Generated Dockerfiles of a given size, for the large-document benchmark and test. */

/** A document of `bytes` characters: stages of common instructions, some with mistakes the linter reports. */
export function largeDockerfile(bytes: number): string {
  const block = [
    'FROM alpine:3.20 AS stage',
    'ARG VERSION=1.0',
    'ENV APP_HOME=/srv/app PATH=/srv/app/bin:$PATH',
    'WORKDIR $APP_HOME',
    'RUN apk add --no-cache curl && curl -fsSL https://example.com/install.sh | sh',
    'COPY . $APP_HOME',
    'RUN cd /tmp && echo "$VERSION" > version.txt',
    'EXPOSE 8080',
    'maintainer someone@example.com',
    'USER app',
    'CMD ["./serve", "--port", "8080"]',
  ].join('\n');
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < bytes; index++) {
    const part = block.replace('AS stage', `AS stage${index}`) + '\n';
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}
