/** Java: Maven (pom.xml) or Gradle (build.gradle[.kts]); Spring Boot listens on 8080. The jar runs on a JRE. */
import { busyboxWget, execForm, expose, findPort, healthcheck, lines, type Facts, type PlatformTemplate } from '../platform';

export const java: PlatformTemplate = {
  id: 'java',
  label: 'Java',
  detect(files): Facts | undefined {
    const pom = files.read('pom.xml');
    const gradle = files.read('build.gradle.kts') ?? files.read('build.gradle');
    if (pom === undefined && gradle === undefined) return undefined;
    const tool = pom !== undefined ? 'maven' : 'gradle';
    const spring = /spring-boot/.test(pom ?? gradle ?? '');
    const properties = files.read('src/main/resources/application.properties');
    const port = findPort(properties, [/^server\.port\s*=\s*(\d{2,5})/m]) ?? (spring ? 8080 : undefined);
    return {
      description: [tool === 'maven' ? 'Maven' : 'Gradle', spring && 'Spring Boot'].filter(Boolean).join(', '),
      port,
      details: { tool, wrapper: files.read(tool === 'maven' ? 'mvnw' : 'gradlew') !== undefined },
    };
  },
  dockerfile({ facts, port }) {
    const maven = facts.details.tool === 'maven';
    return lines(
      '# Build with BuildKit (the default builder of Docker Engine 23 and later): the RUN cache mounts need it.',
      maven ? 'FROM maven:3.9.9-eclipse-temurin-21-alpine AS build' : 'FROM gradle:8.11.1-jdk21-alpine AS build',
      'WORKDIR /src',
      'COPY . .',
      maven
        ? 'RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests'
        : 'RUN --mount=type=cache,target=/home/gradle/.gradle/caches gradle build -x test --no-daemon',
      // The runnable jar: Spring Boot's Gradle plugin also writes a "-plain" one, which is left out.
      `RUN find ${maven ? 'target' : 'build/libs'} -maxdepth 1 -name '*.jar' ! -name '*-plain.jar' -exec cp {} /tmp/app.jar ';'`,
      '',
      'FROM eclipse-temurin:21.0.5_11-jre-alpine',
      'RUN adduser -D -H app',
      'WORKDIR /app',
      'COPY --from=build /tmp/app.jar app.jar',
      'USER app',
      expose(port),
      // BusyBox wget is part of Alpine: the probe needs nothing installed.
      healthcheck(port, busyboxWget),
      `ENTRYPOINT ${execForm(['java', '-jar', '/app/app.jar'])}`,
    );
  },
  ignore: ['target', 'build', '.gradle', '*.class', '.idea', '*.iml'],
};
