import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { levelOf, RULES, type LintSettings } from '../../server/dockerfile/lint';
import { LintContext } from '../../server/dockerfile/lint/context';
import { applyFix, lint } from './lintText';

interface Case {
  text: string;
  /** 1-based line the finding starts on (bad cases). */
  line?: number;
  settings?: LintSettings;
  dockerignore?: string[];
  /** The text after applying the finding's first fix. */
  fixed?: string;
}

const on = (code: string): LintSettings => ({ rules: { [code]: 'warning' } });

const TABLE: Record<string, { bad: Case[]; good: Case[] }> = {
  DS101: { bad: [{ text: 'FROM alpine:3 as build\n', line: 1, fixed: 'FROM alpine:3 AS build\n' }], good: [{ text: 'FROM alpine:3 AS build\nfrom alpine:3 as other\n' }] },
  DS102: { bad: [{ text: 'FROM alpine:3 AS Build\n', line: 1 }], good: [{ text: 'FROM alpine:3 AS build\n' }] },
  DS103: { bad: [{ text: 'FROM alpine:3\nRUN true\nrun true\n', line: 3, fixed: 'FROM alpine:3\nRUN true\nRUN true\n' }], good: [{ text: 'from alpine:3\nrun true\n' }] },
  DS104: { bad: [{ text: 'FROM alpine:3 AS a\nFROM alpine:3 AS A\n', line: 2 }], good: [{ text: 'FROM alpine:3 AS a\nFROM alpine:3 AS b\n' }] },
  DS105: { bad: [{ text: 'FROM alpine:3 AS scratch\n', line: 1 }], good: [{ text: 'FROM scratch\n' }] },
  DS106: { bad: [{ text: 'FROM alpine:3\nRUN echo a \\\n\n  b\n', line: 3, fixed: 'FROM alpine:3\nRUN echo a \\\n  b\n' }], good: [{ text: 'FROM alpine:3\nRUN echo a \\\n  # comment\n  b\n\nRUN true\n' }, { text: 'FROM alpine:3\nCOPY C:\\\\dir\\\\ C:\\\\x\\\\\n\nENV A=1\n' }] },
  DS107: { bad: [{ text: 'FROM alpine:3\nCMD echo hi\n', line: 2 }], good: [{ text: 'FROM alpine:3\nCMD ["echo", "hi"]\n' }, { text: 'FROM alpine:3\nSHELL ["/bin/ash", "-c"]\nCMD echo hi\n' }] },
  DS108: { bad: [{ text: 'FROM alpine:3\nMAINTAINER Jo <jo@example.org>\n', line: 2, fixed: 'FROM alpine:3\nLABEL org.opencontainers.image.authors="Jo <jo@example.org>"\n' }], good: [{ text: 'FROM alpine:3\nLABEL org.opencontainers.image.authors="Jo"\n' }] },
  DS109: { bad: [{ text: 'FROM alpine:${VERSION}\n', line: 1 }], good: [{ text: 'ARG VERSION=3\nFROM alpine:${VERSION}\nFROM --platform=$BUILDPLATFORM alpine:3\n' }] },
  DS110: { bad: [{ text: 'FROM scratch\nCOPY $SRC /\n', line: 2 }, { text: 'FROM alpine:3\nARG VERSION=1\nENV V=$VERSON\n', line: 3 }], good: [{ text: 'FROM scratch\nARG SRC=a\nCOPY $SRC /\n' }, { text: 'FROM alpine:3\nENV PATH=$PATH:/opt/bin\n' }] },
  DS111: { bad: [{ text: 'FROM alpine:3\nWORKDIR app\n', line: 2 }], good: [{ text: 'FROM alpine:3\nWORKDIR /app\nWORKDIR sub\n' }] },
  DS112: { bad: [{ text: 'FROM alpine:3\nCMD ["a"]\nCMD ["b"]\n', line: 2 }], good: [{ text: 'FROM alpine:3 AS a\nCMD ["a"]\nFROM alpine:3\nCMD ["b"]\n' }] },
  DS113: { bad: [{ text: 'FROM alpine:3\nENV A b\n', line: 2, fixed: 'FROM alpine:3\nENV A=b\n' }, { text: 'FROM alpine:3\nENV A b c\n', fixed: 'FROM alpine:3\nENV A="b c"\n' }], good: [{ text: 'FROM alpine:3\nENV A=b C=d\nLABEL x=y\n' }] },
  DS114: { bad: [{ text: 'FROM --platform=$TARGETPLATFORM alpine:3\n', line: 1, fixed: 'FROM alpine:3\n' }], good: [{ text: 'FROM --platform=$BUILDPLATFORM alpine:3\n' }] },
  DS115: { bad: [{ text: 'FROM alpine:3\nARG GITHUB_TOKEN\nENV DB_PASSWORD=x\n', line: 2 }], good: [{ text: 'FROM alpine:3\nENV GPG_KEY=ABCD PUBLIC_KEY=x TOKEN_FILE=/run/secrets/t DOCKER_AUTH_VERSION=1.5\n' }] },
  DS116: {
    bad: [
      { text: 'ARG TAG\nFROM alpine:${TAG}\n', line: 2 },
      // A redeclaration reads the previous value: `${TAG:+}` empties it.
      { text: 'ARG TAG=3\nARG TAG=${TAG:+}\nFROM alpine:${TAG}\n', line: 3 },
      { text: 'ARG V="a b"\nFROM alpine:$V\n', line: 2 },
    ],
    // An undeclared argument is DS109's finding, not this rule's too.
    good: [
      { text: 'ARG TAG=3\nFROM alpine:${TAG}\n' },
      { text: 'ARG TAG\nFROM alpine:${TAG:-3}\n' },
      { text: 'FROM alpine:${TAG}\n' },
      // The shape of BuildKit's own archutil.Dockerfile: each ARG redeclaration expands the previous value, quotes
      // inside the words included, and names a stage.
      {
        text: [
          '# check=error=true',
          'ARG BUILD_LOONG64=${TARGETPLATFORM#linux/amd64}',
          'ARG BUILD_LOONG64=${BUILD_LOONG64:+"unsupported"}',
          'ARG BUILD_LOONG64=${BUILD_LOONG64:-"supported"}',
          'FROM scratch AS exit-loong64-unsupported',
          'FROM scratch AS exit-loong64-supported',
          'FROM exit-loong64-${BUILD_LOONG64} AS exit-loong64',
          '',
        ].join('\n'),
      },
      { text: "ARG REPO='docker.io/library' TAG=\"3.${MINOR:-20}\"\nFROM ${REPO}/alpine:${TAG}\n" },
      { text: 'ARG ARCH=${TARGETARCH}\nFROM ${ARCH}/alpine:3\nFROM ${ARCH/amd64/}alpine:3\n' },
      // A default the builder cannot expand is unknown, not invalid.
      { text: 'ARG TAG=${MISSING:?set MISSING}\nFROM alpine:${TAG}\n' },
      { text: 'ARG A=1\nARG TAG=${A\nFROM alpine:${TAG}\n' },
    ],
  },
  DS117: { bad: [{ text: 'FROM alpine:3\nEXPOSE 53/UDP\n', line: 2, fixed: 'FROM alpine:3\nEXPOSE 53/udp\n' }], good: [{ text: 'FROM alpine:3\nEXPOSE 53/udp 80\n' }] },
  DS118: { bad: [{ text: 'FROM alpine:3\nEXPOSE 8080:80\n', line: 2 }], good: [{ text: 'FROM alpine:3\nEXPOSE 80 443/tcp ${PORT}\n' }] },
  DS119: {
    bad: [{ text: 'FROM alpine:3\nCOPY secrets/key.pem /\n', line: 2, dockerignore: ['secrets'] }],
    good: [{ text: 'FROM alpine:3\nCOPY src /src\nCOPY --from=build /secrets /\n', dockerignore: ['secrets', '*.md'] }],
  },
  DS201: { bad: [{ text: 'FROM debian\n', line: 1 }], good: [{ text: 'FROM debian:12 AS base\nFROM base\nFROM scratch\nFROM ${IMAGE}\n' }] },
  DS202: { bad: [{ text: 'FROM debian:latest\n', line: 1 }], good: [{ text: 'FROM debian:12\nFROM debian:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000\n' }] },
  DS203: { bad: [{ text: 'FROM alpine:3\nCOPY --from=build /a /a\nFROM alpine:3 AS build\n', line: 2 }], good: [{ text: 'FROM alpine:3 AS build\nFROM alpine:3\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\nCOPY --from=nginx:1 /c /c\n' }] },
  DS204: { bad: [{ text: 'FROM alpine:3 AS app\nCOPY --from=app /a /b\n', line: 2 }], good: [{ text: 'FROM alpine:3 AS build\nFROM alpine:3 AS app\nCOPY --from=build /a /b\n' }] },
  DS205: { bad: [{ text: 'FROM alpine:3\nADD app.py /app/\n', line: 2, fixed: 'FROM alpine:3\nCOPY app.py /app/\n' }], good: [{ text: 'FROM alpine:3\nADD rootfs.tar.xz /\nADD https://example.org/a /a\n' }] },
  DS206: {
    bad: [{ text: 'FROM quay.io/x/y:1\n', line: 1, settings: { trustedRegistries: ['docker.io'] } }],
    good: [{ text: 'FROM debian:12\nFROM ghcr.io/a/b:1\n', settings: { trustedRegistries: ['docker.io', 'ghcr.io'] } }, { text: 'FROM quay.io/x/y:1\n' }],
  },
  DS207: { bad: [{ text: 'FROM alpine:3\nUSER app\nUSER root\n', line: 3 }], good: [{ text: 'FROM alpine:3 AS b\nUSER root\nFROM alpine:3\nUSER root\nUSER app\n' }] },
  DS208: {
    bad: [{ text: 'FROM alpine:3\nLABEL version="one"\n', line: 2, settings: { labelSchema: { version: 'semver' } } }, { text: 'FROM alpine:3\n', line: 1, settings: { labelSchema: { maintainer: 'text' } } }],
    good: [{ text: 'FROM alpine:3\nLABEL version="1.2.3" url=https://example.org\n', settings: { labelSchema: { version: 'semver', url: 'url' } } }],
  },
  DS209: {
    bad: [{ text: 'FROM alpine:3 AS base\nHEALTHCHECK CMD true\nFROM alpine:3\nCMD ["app"]\n', line: 3, settings: on('DS209') }],
    good: [
      { text: 'FROM alpine:3\nCMD ["app"]\n' },
      { text: 'FROM alpine:3 AS base\nHEALTHCHECK CMD true\nFROM base AS app\nFROM app\nCMD ["app"]\n', settings: on('DS209') },
      { text: 'FROM alpine:3\nHEALTHCHECK NONE\n', settings: on('DS209') },
    ],
  },
  DS301: { bad: [{ text: 'FROM debian:12\nRUN apt-get install -y curl\n', line: 2, fixed: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n' }], good: [{ text: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\nRUN echo "apt-get install x"\n' }] },
  DS302: { bad: [{ text: 'FROM debian:12\nRUN apt-get update && apt-get install curl\n', line: 2, fixed: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n' }], good: [{ text: 'FROM debian:12\nRUN apt-get -qy install curl && apt-get install --yes x && apt-get -qq install y\n' }] },
  DS303: { bad: [{ text: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', line: 2 }], good: [{ text: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*\n' }, { text: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM scratch\n' }] },
  DS304: { bad: [{ text: 'FROM debian:12\nRUN apt-get install -y \\\n    curl=8.0 \\\n    git\n', line: 4 }], good: [{ text: 'FROM debian:12\nRUN apt-get install -y curl=8.0 "git=1:2.39*" ./local.deb\n' }] },
  DS305: { bad: [{ text: 'FROM alpine:3\nRUN apk add curl=8.0\n', line: 2, fixed: 'FROM alpine:3\nRUN apk add --no-cache curl=8.0\n' }], good: [{ text: 'FROM alpine:3\nRUN apk add --no-cache curl=8.0\n' }] },
  DS306: { bad: [{ text: 'FROM alpine:3\nRUN apk add --no-cache --virtual .deps curl\n', line: 2 }], good: [{ text: 'FROM alpine:3\nRUN apk add --no-cache --virtual .deps curl=8.0-r0\n' }] },
  DS307: { bad: [{ text: 'FROM python:3\nRUN pip install flask==3.0\n', line: 2, fixed: 'FROM python:3\nRUN pip install --no-cache-dir flask==3.0\n' }], good: [{ text: 'FROM python:3\nRUN python -m pip install --no-cache-dir flask==3.0\n' }, { text: 'FROM python:3\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0\n' }] },
  DS308: { bad: [{ text: 'FROM python:3\nRUN pip3 install --no-cache-dir flask\n', line: 2 }], good: [{ text: 'FROM python:3\nRUN pip install --no-cache-dir -r requirements.txt && pip install --no-cache-dir -U pip && pip install --no-cache-dir . "a>=1"\n' }] },
  DS309: { bad: [{ text: 'FROM node:20\nRUN npm install -g typescript\n', line: 2 }], good: [{ text: 'FROM node:20\nRUN npm install && npm install -g typescript@5.4.0 @scope/pkg@1.0.0\n' }] },
  DS310: { bad: [{ text: 'FROM ruby:3\nRUN gem install bundler\n', line: 2 }], good: [{ text: 'FROM ruby:3\nRUN gem install bundler:2.5.0 && gem install rake -v 13.0\n' }] },
  DS311: { bad: [{ text: 'FROM fedora:40\nRUN dnf install httpd-2.4.57\n', line: 2 }], good: [{ text: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.57 && zypper -n install x-1 && microdnf install y-1\n' }] },
  DS312: { bad: [{ text: 'FROM fedora:40\nRUN yum install -y httpd-2.4.57\n', line: 2 }], good: [{ text: 'FROM fedora:40\nRUN yum install -y httpd-2.4.57 && yum clean all\n' }] },
  DS313: { bad: [{ text: 'FROM fedora:40\nRUN yum install -y httpd && yum clean all\n', line: 2 }], good: [{ text: 'FROM fedora:40\nRUN yum install -y httpd-2.4.57 && yum clean all\n' }] },
  DS314: { bad: [{ text: 'FROM alpine:3\nRUN cd /usr/src && make\n', line: 2 }], good: [{ text: 'FROM alpine:3\nWORKDIR /usr/src\nRUN make && (cd sub && make)\n' }] },
  DS315: { bad: [{ text: 'FROM alpine:3\nRUN sudo apk add --no-cache x=1\n', line: 2 }], good: [{ text: 'FROM alpine:3\nRUN echo "sudo is not run here"\n' }] },
  DS316: { bad: [{ text: 'FROM alpine:3\nRUN curl -o a https://e.org/a && curl -o b https://e.org/b\nRUN wget https://e.org/c\n', line: 3 }], good: [{ text: 'FROM alpine:3\nRUN curl -fsSLO https://e.org/a\n' }] },
  DS317: {
    bad: [
      { text: 'FROM debian:12\nRUN curl -fsSL https://e.org/a | tar -x\n', line: 2 },
      { text: 'FROM debian:12\nRUN echo a | cat && \\\n  locale -a | grep en_US\n', line: 3 },
      // Alpine's /bin/sh has the option: the fix sets it.
      { text: 'FROM python:3.12-alpine AS base\nFROM base\nRUN --mount=type=cache,target=/c wget -qO- https://e.org/a | tar -x\n', line: 3, fixed: 'FROM python:3.12-alpine AS base\nFROM base\nRUN --mount=type=cache,target=/c set -o pipefail && wget -qO- https://e.org/a | tar -x\n' },
      { text: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL https://e.org/a | tar -x\n', line: 3, fixed: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && curl -fsSL https://e.org/a | tar -x\n' },
      { text: 'FROM alpine:3\nRUN set -eux; \\\n  wget -qO- https://e.org/a | tar -x\n', line: 3, fixed: 'FROM alpine:3\nRUN set -eux -o pipefail; \\\n  wget -qO- https://e.org/a | tar -x\n' },
    ],
    good: [
      { text: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://e.org/a | tar -x\n' },
      { text: 'FROM debian:12\nRUN set -eux -o pipefail; curl -fsSL https://e.org/a | tar -x\n' },
      { text: "FROM debian:12\nRUN echo 'a | b' && grep -q x f || true\n" },
      { text: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN type a | findstr b\n' },
      { text: 'FROM base:1\n# hadolint shell=powershell\nRUN Get-Content a | Select-String b\n' },
      { text: 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN curl -fsSL https://e.org/a | tar -x\n' },
      { text: 'FROM debian:12\nRUN echo "$SHA256 *x.tgz" | sha256sum -c - && printf "y\\n" | apt-get install x\n' },
    ],
  },
  DS318: { bad: [{ text: 'FROM debian:12\nRUN useradd -u 1000000 app\n', line: 2 }], good: [{ text: 'FROM debian:12\nRUN useradd -l -u 1000000 app && useradd -u 1000 other\n' }] },
  DS319: { bad: [{ text: 'FROM alpine:3\nRUN a\nRUN b\n', line: 3, settings: on('DS319') }], good: [{ text: 'FROM alpine:3\nRUN a\nRUN b\n' }, { text: 'FROM alpine:3\nRUN a\nRUN --mount=type=cache,target=/c b\n', settings: on('DS319') }] },
  DS320: { bad: [{ text: 'FROM debian:12\nRUN apt install -y x\n', line: 2, fixed: 'FROM debian:12\nRUN apt-get install -y x\n' }], good: [{ text: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends x=1 && rm -rf /var/lib/apt/lists/*\n' }] },
  DS120: { bad: [{ text: 'FROM alpine:3\nEXPOSE 80 70000/udp\n', line: 2 }, { text: 'FROM alpine:3\nEXPOSE 70000:80\n', line: 2 }], good: [{ text: 'FROM alpine:3\nEXPOSE 65535 8000-8010/tcp 127.0.0.1:8080:80 [::1]:65535:53/udp\n' }] },
  DS121: { bad: [{ text: 'FROM alpine:3\nCOPY a b /dest\n', line: 2, fixed: 'FROM alpine:3\nCOPY a b /dest/\n' }, { text: 'FROM alpine:3\nADD ["a", "b", "/dest"]\n', line: 2, fixed: 'FROM alpine:3\nADD ["a", "b", "/dest/"]\n' }], good: [{ text: 'FROM alpine:3\nCOPY a b /dest/\nCOPY --chown=1 a /dest\nCOPY ["a", "b", "/c/"]\nCOPY ["a", "b", "."]\nCOPY ["a", "/c"]\nCOPY a b .\nCOPY a b ./sub/..\n' }, { text: 'FROM alpine:3\nCOPY --from=x \\\n  C:\\\\a.dll \\\n  C:\\\\dir\\\\\n\nENV A 1\n' }] },
  DS122: { bad: [{ text: 'FROM alpine:3\nENV A=/opt B=$A/bin\n', line: 2 }], good: [{ text: 'FROM alpine:3\nENV A=/opt\nENV B=$A/bin PATH=$PATH:/x\nARG P=x\nENV P=$P Q=$P/y\n' }] },
  DS123: { bad: [{ text: 'FROM alpine:3\nCOPY app.py app/\n', line: 2 }], good: [{ text: 'FROM alpine:3 AS base\nWORKDIR /app\nCOPY app.py .\nFROM base\nCOPY b.py .\nCOPY c.py /abs/\n' }] },
  DS124: {
    bad: [
      { text: "FROM alpine:3\nCMD ['nginx', '-g', 'daemon off;']\n", line: 2, fixed: 'FROM alpine:3\nCMD ["nginx", "-g", "daemon off;"]\n' },
      { text: "FROM alpine:3\nCOPY --chown=app ['my file', \"/app/\"]\n", line: 2, fixed: 'FROM alpine:3\nCOPY --chown=app ["my file", "/app/"]\n' },
      { text: "FROM alpine:3\nVOLUME ['C:\\data']\n", line: 2, fixed: 'FROM alpine:3\nVOLUME ["C:\\\\data"]\n' },
    ],
    good: [{ text: 'FROM alpine:3\nCMD ["a", "b"]\nRUN [ \'a\' = \'b\' ] || echo \'[x]\'\nRUN [ -f \'/x\' ]\nENTRYPOINT ["sh", "-c", "echo \'hi\'"]\n' }],
  },
  DS125: {
    bad: [{ text: '# Escape=`\nFROM alpine:3\n', line: 1, fixed: '# escape=`\nFROM alpine:3\n' }, { text: '# syntax=docker/dockerfile:1\n# CHECK=skip=DS101\nFROM alpine:3\n', line: 2 }],
    good: [{ text: '# syntax=docker/dockerfile:1\n# escape=\\\nFROM alpine:3\n' }, { text: '# Note=not a directive\nFROM alpine:3\n' }],
  },  DS126: {
    bad: [
      { text: 'FROM --platform=linux/amd64 alpine:3 AS base\n', line: 1 },
      { text: 'FROM --platform=arm64 alpine:3\n', line: 1 },
      { text: 'FROM --platform=linux/x86_64 alpine:3 AS build_arm64\n', line: 1 },
    ],
    good: [
      {
        text: 'FROM --platform=$BUILDPLATFORM golang:1 AS build\nFROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3 AS a\nFROM --platform=linux/amd64 alpine:3 AS build_amd64\nFROM --platform=linux/arm64/v8 alpine:3 AS Build_ARM64\nFROM --platform=linux/x86_64 alpine:3 AS build-amd64\nFROM --platform=windows alpine:3 AS windows-base\n',
      },
    ],
  },

  DS321: { bad: [{ text: 'FROM debian:12\nRUN apt-get update && vim /etc/hosts\n', line: 2 }], good: [{ text: 'FROM debian:12\nRUN echo vim && (sleep 1 & pid=$!; kill $pid)\n' }] },
  DS322: { bad: [{ text: 'FROM debian:12\nRUN wget https://e.org/a\n', line: 2 }], good: [{ text: 'FROM debian:12\nRUN wget -q https://e.org/a && wget --progress=dot:giga https://e.org/b && wget -nv https://e.org/c\n' }] },
  DS323: { bad: [{ text: 'FROM node:20\nRUN yarn install --frozen-lockfile\n', line: 2 }], good: [{ text: 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n' }] },
  DS324: {
    bad: [
      { text: 'FROM golang:1\nRUN go install golang.org/x/tools/gopls\n', line: 2 },
      { text: 'FROM golang:1\nRUN go install -tags netgo -v github.com/a/b/cmd/c@latest\n', line: 2 },
    ],
    good: [{ text: 'FROM golang:1\nRUN go install ./cmd/app && go install . && go install github.com/a/b/cmd/c@v1.2.3 && go install -tags x example.com/t@${V}\n' }],
  },
  DS325: {
    bad: [{ text: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n', line: 2 }, { text: 'FROM debian:12\nRUN rm /bin/sh && ln --symbolic bash /bin/sh\n', line: 2 }],
    good: [{ text: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN ln -s /bin/sh /usr/local/bin/sh && ln /bin/bash /bin/sh2 && ln -s -t /bin sh\n' }],
  },
  DS326: {
    bad: [{ text: 'FROM opensuse/leap:15\nRUN zypper -n dist-upgrade\n', line: 2 }, { text: 'FROM opensuse/leap:15\nRUN zypper --non-interactive dup\n', line: 2 }],
    good: [{ text: 'FROM opensuse/leap:15\nRUN zypper -n update curl && zypper -n install -y vim\n' }],
  },  DS327: {
    bad: [
      { text: 'FROM alpine:3\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n', line: 2 },
      { text: 'FROM alpine:3\nCOPY ["dist/app.tar", "/tmp/"]\nWORKDIR /opt\nRUN tar xf /tmp/app.tar\n', line: 2 },
    ],
    good: [
      { text: 'FROM alpine:3\nCOPY app.tar.gz /srv/\nRUN tar -tzf /srv/app.tar.gz\nCOPY --from=build /out/app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz\n' },
      { text: 'FROM alpine:3 AS a\nCOPY app.tar.gz /tmp/\nFROM alpine:3\nRUN tar -xzf /tmp/app.tar.gz\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip\n' },
      { text: 'FROM alpine:3\nRUN tar -xzf /tmp/app.tar.gz\nCOPY app.tar.gz /tmp/\n' },
    ],
  },

};

describe('every rule has documentation and table tests', () => {
  for (const rule of RULES) {
    test(`${rule.code} ${rule.name}`, () => {
      assert.match(rule.code, /^DS\d{3}$/);
      assert.ok(rule.title.length > 10 && !rule.title.includes('\n'));
      assert.ok(rule.description.length > 20);
      const cases = TABLE[rule.code];
      assert.ok(cases && cases.bad.length > 0 && cases.good.length > 0, `${rule.code} needs positive and negative cases`);
    });
  }
});

describe("BuildKit's checks are errors only when `# check=error=true` says so", () => {
  for (const rule of RULES.filter((candidate) => candidate.buildkit)) {
    test(`${rule.code} ${rule.buildkit}`, () => {
      assert.notEqual(rule.severity, 'error', 'the build passes with the finding');
      for (const item of TABLE[rule.code].bad) {
        const settings = { ...item.settings, rules: { ...item.settings?.rules, [rule.code]: rule.severity } };
        const severities = (text: string) =>
          lint(text, settings, item.dockerignore)
            .filter((finding) => finding.code === rule.code)
            .map((finding) => finding.severity);
        const plain = severities(item.text);
        assert.ok(plain.length > 0 && plain.every((severity) => severity !== 'error'), `${rule.code} on:\n${item.text}`);
        // The directive comes first, before any other; a file that has its own directives gets it among them.
        const withDirective = item.text.startsWith('# check=') ? item.text : `# check=error=true\n${item.text}`;
        assert.deepEqual(severities(withDirective).length > 0 ? [...new Set(severities(withDirective))] : ['none'], ['error'], `${rule.code} with check=error=true`);
      }
    });
  }
});

describe('only the rules marked shell-level read RUN scripts as shell', () => {
  // The language server publishes the other rules' findings before any script is parsed.
  const texts = Object.values(TABLE).flatMap((cases) => [...cases.bad, ...cases.good]);
  for (const rule of RULES) {
    test(`${rule.code} ${rule.name} is ${levelOf(rule)}-level`, () => {
      let read = false;
      for (const item of texts) {
        const context = new LintContext(item.text, DockerfileParser.parse(item.text), item.settings ?? {}, item.dockerignore);
        const runScripts = context.runScripts.bind(context);
        context.runScripts = () => {
          read = true;
          return runScripts();
        };
        rule.check(context);
      }
      assert.equal(read, levelOf(rule) === 'shell');
    });
  }
});

describe('rule tables', () => {
  for (const [code, cases] of Object.entries(TABLE)) {
    cases.bad.forEach((item, i) => {
      test(`${code} reports bad case ${i + 1}`, () => {
        const findings = lint(item.text, item.settings, item.dockerignore).filter((finding) => finding.code === code);
        assert.ok(findings.length > 0, `${code} should report on:\n${item.text}`);
        if (item.line !== undefined) {
          assert.equal(findings[0].range.start.line + 1, item.line);
        }
        if (item.fixed !== undefined) {
          assert.ok(findings[0].fixes?.[0], `${code} should offer a fix`);
          assert.equal(applyFix(item.text, findings[0].fixes[0]), item.fixed);
          assert.deepEqual(lint(item.fixed, item.settings, item.dockerignore).filter((finding) => finding.code === code), []);
        }
      });
    });
    cases.good.forEach((item, i) => {
      test(`${code} is silent on good case ${i + 1}`, () => {
        const findings = lint(item.text, item.settings, item.dockerignore).filter((finding) => finding.code === code);
        assert.deepEqual(findings.map((finding) => finding.message), []);
      });
    });
  }
});
