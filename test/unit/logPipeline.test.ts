import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameDemuxer, StreamKind } from '../../src/logs/frameDemuxer';
import { batchLines, LogDecoder } from '../../src/logs/logDecoder';
import { ResumePoint, timestampNanos, unixTimestamp } from '../../src/logs/logTimestamps';
import { composeServiceOf, createServicePrefixer } from '../../src/logs/composePrefix';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/**
 * Feeds `bytes` in pieces of `size` bytes, as a network would: each piece in a reused buffer (as a socket
 * reads) with stale bytes around it, so a consumer that reads outside its range or keeps a reference fails.
 */
function feed(target: { push(chunk: Buffer, start?: number, end?: number): void; flush?(): void }, bytes: Buffer, size: number): void {
  const scratch = Buffer.alloc(size + 16);
  for (let offset = 0; offset < bytes.length; offset += size) {
    const piece = bytes.subarray(offset, offset + size);
    scratch.fill(0x0a);
    piece.copy(scratch, 8);
    target.push(scratch, 8, 8 + piece.length);
    scratch.fill(0x41);
  }
  target.flush?.();
}

for (const size of [1, 3, 8, 1000]) {
  test(`frames cut every ${size} bytes are demultiplexed intact`, () => {
    const received: Array<[StreamKind, Buffer]> = [];
    const demuxer = new FrameDemuxer((stream, bytes, start, end) => received.push([stream, Buffer.from(bytes.subarray(start, end))]));
    feed(demuxer, Buffer.concat([frame(1, 'hello\n'), frame(2, 'oops\n'), frame(1, 'é€\n')]), size);
    const joined = (kind: StreamKind) => Buffer.concat(received.filter(([stream]) => stream === kind).map(([, bytes]) => bytes)).toString();
    assert.equal(joined('stdout'), 'hello\né€\n');
    assert.equal(joined('stderr'), 'oops\n');
  });
}

function decoder(options: { tty?: boolean; timestamps?: boolean; showTimestamps?: boolean; resume?: ResumePoint; maxLineLength?: number } = {}) {
  const lines: Array<[StreamKind, string]> = [];
  const instance = new LogDecoder({
    tty: options.tty ?? false,
    timestamps: options.timestamps,
    showTimestamps: options.showTimestamps ?? false,
    resume: options.resume ?? new ResumePoint(),
    maxLineLength: options.maxLineLength,
    onLines: (batch) => batchLines(batch).forEach((line) => lines.push([batch.stream, line])),
  });
  return { instance, lines };
}

test('lines keep their stream, lose or keep the timestamp, keep ANSI colours; multibyte characters cut in two survive', () => {
  const { instance, lines } = decoder();
  const bytes = Buffer.concat([
    frame(1, '2024-05-01T10:00:00.1Z \x1b[32mgreen\x1b[0m\n2024-05-01T10:00:00.2Z caf'),
    frame(1, 'é\n'),
    frame(2, '2024-05-01T10:00:00.3Z bad\n'),
  ]);
  feed(instance, bytes, 5);
  assert.deepEqual(lines, [['stdout', '\x1b[32mgreen\x1b[0m'], ['stdout', 'café'], ['stderr', 'bad']]);
  const shown = decoder({ showTimestamps: true });
  feed(shown.instance, frame(1, '2024-05-01T10:00:00.1Z x\n'), 100);
  assert.deepEqual(shown.lines, [['stdout', '2024-05-01T10:00:00.1Z x']]);
});

test('TTY output is not framed and loses its carriage returns; a last line without newline comes at the end', () => {
  const { instance, lines } = decoder({ tty: true });
  feed(instance, Buffer.from('2024-05-01T10:00:00Z prompt\r\n2024-05-01T10:00:01Z partial'), 7);
  assert.deepEqual(lines, [['stdout', 'prompt']]);
  instance.end();
  assert.deepEqual(lines, [['stdout', 'prompt'], ['stdout', 'partial']]);
});

test('a line longer than the bound is shown in pieces instead of held', () => {
  const { instance, lines } = decoder({ tty: true, showTimestamps: true, maxLineLength: 10 });
  feed(instance, Buffer.from('x'.repeat(100)), 4);
  assert.deepEqual(lines.map(([, line]) => line), Array(9).fill('x'.repeat(10)));
});

test('timestamps compare exactly despite trimmed zeros', () => {
  assert.equal(timestampNanos('2024-05-01T10:00:00.1Z'), timestampNanos('2024-05-01T10:00:00.100000000Z'));
  assert.ok(timestampNanos('2024-05-01T10:00:00.000000002Z')! > timestampNanos('2024-05-01T10:00:00.000000001Z')!);
  assert.equal(timestampNanos('not a time'), undefined);
});

test('a re-attach from `since` drops every line already shown, including lines sharing the last timestamp', () => {
  const resume = new ResumePoint();
  const first = decoder({ tty: true, resume });
  feed(first.instance, Buffer.from('2024-05-01T10:00:00.5Z a\n2024-05-01T10:00:01.25Z b\n2024-05-01T10:00:01.25Z c\n'), 5);
  assert.equal(resume.beginReplay(), Date.parse('2024-05-01T10:00:01Z') / 1000);
  // The engine replays the whole second, then the new lines follow.
  const second = decoder({ tty: true, resume });
  feed(second.instance, Buffer.from('2024-05-01T10:00:01.1Z x\n2024-05-01T10:00:01.25Z b\n2024-05-01T10:00:01.25Z c\n2024-05-01T10:00:01.25Z d\n2024-05-01T10:00:02Z e\n'), 3);
  assert.deepEqual([...first.lines, ...second.lines].map(([, line]) => line), ['a', 'b', 'c', 'd', 'e']);
  assert.equal(new ResumePoint().beginReplay(), undefined, 'nothing shown yet: the first attach uses the tail');
});

test('a line stamped earlier than one shown before it (stdout and stderr out of time order) is not shown twice after a re-attach', () => {
  const resume = new ResumePoint();
  const history = decoder({ resume });
  // The engine wrote "third" (stdout, .3) before "second" (stderr, .2).
  feed(
    history.instance,
    Buffer.concat([frame(1, '2024-05-01T10:00:00.1Z first\n'), frame(1, '2024-05-01T10:00:00.3Z third\n'), frame(2, '2024-05-01T10:00:00.2Z second\n')]),
    7,
  );
  assert.equal(resume.last, '2024-05-01T10:00:00.3Z', 'the resume point is the latest line, not the last one');
  assert.equal(resume.beginReplay(), Date.parse('2024-05-01T10:00:00Z') / 1000);
  const follow = decoder({ resume });
  feed(
    follow.instance,
    Buffer.concat([
      frame(1, '2024-05-01T10:00:00.1Z first\n'),
      frame(1, '2024-05-01T10:00:00.3Z third\n'),
      frame(2, '2024-05-01T10:00:00.2Z second\n'),
      frame(1, '2024-05-01T10:00:00.40Z fourth\n'),
      frame(2, '2024-05-01T10:00:00.35Z late\n'),
    ]),
    5,
  );
  assert.deepEqual(follow.lines.map(([, line]) => line), ['fourth', 'late'], 'only lines not shown before, the late stderr one included');
});

test('compose prefixes: padded to the longest service, a colour each, replicas numbered', () => {
  const prefixer = createServicePrefixer(['db', 'web']);
  assert.equal(prefixer.prefix('db'), '\x1b[36mdb  |\x1b[0m ');
  assert.equal(prefixer.prefix('web'), '\x1b[33mweb |\x1b[0m ');
  assert.equal(prefixer.prefix('cache'), '\x1b[32mcache |\x1b[0m ');
  assert.equal(composeServiceOf({ 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '2' }, ['/p-web-2']), 'web-2');
  assert.equal(composeServiceOf({}, ['/lonely']), 'lonely');
});

test('a long line the engine split into timestamped pieces is one line, with its first timestamp only', () => {
  for (const showTimestamps of [false, true]) {
    const { instance, lines } = decoder({ showTimestamps });
    const bytes = Buffer.concat([
      frame(1, '2024-05-01T10:00:00.1Z aaaa'),
      frame(1, '2024-05-01T10:00:00.2Z bbbb'),
      frame(1, '2024-05-01T10:00:00.3Z cc\n'),
      frame(1, '2024-05-01T10:00:00.4Z next\n'),
    ]);
    for (const size of [1, 7, 1000]) {
      lines.length = 0;
      feed(instance, bytes, size);
      const stamp = (time: string) => (showTimestamps ? `2024-05-01T10:00:00.${time}Z ` : '');
      assert.deepEqual(lines.map(([, line]) => line), [`${stamp('1')}aaaabbbbcc`, `${stamp('4')}next`], `pieces of ${size} bytes`);
    }
  }
});

test('stdout and stderr lines keep their order within a batch', () => {
  const { instance, lines } = decoder();
  const bytes = Buffer.concat([
    frame(1, '2024-05-01T10:00:00.1Z out-1\n'),
    frame(2, '2024-05-01T10:00:00.2Z err-1\n'),
    frame(1, '2024-05-01T10:00:00.3Z out-2\n2024-05-01T10:00:00.4Z out-3\n'),
    frame(2, '2024-05-01T10:00:00.5Z err-2\n'),
  ]);
  feed(instance, bytes, bytes.length);
  assert.deepEqual(lines, [['stdout', 'out-1'], ['stderr', 'err-1'], ['stdout', 'out-2'], ['stdout', 'out-3'], ['stderr', 'err-2']]);
});

test('showing timestamps can change while lines flow; a line cut by the bound keeps its characters whole', () => {
  const options = { showTimestamps: false };
  const lines: string[] = [];
  const instance = new LogDecoder({
    tty: true,
    get showTimestamps() {
      return options.showTimestamps;
    },
    resume: new ResumePoint(),
    maxLineLength: 5,
    onLines: (batch) => lines.push(...batchLines(batch)),
  });
  feed(instance, Buffer.from('2024-05-01T10:00:00Z a\n'), 100);
  options.showTimestamps = true;
  feed(instance, Buffer.from('2024-05-01T10:00:01Z b\n'), 100);
  options.showTimestamps = false;
  feed(instance, Buffer.from('2024-05-01T10:00:02Z ééé\n'), 3);
  assert.deepEqual(lines, ['a', '2024-05-01T10:00:01Z b', 'éé', 'é']);
});

test('a read without timestamps up to a boundary: the next attach drops everything up to it, however many lines share its time', () => {
  const resume = new ResumePoint();
  const plain = decoder({ resume, timestamps: false });
  feed(plain.instance, Buffer.concat([frame(1, 'first 2024 x\n'), frame(2, 'second\n')]), 4);
  assert.deepEqual(plain.lines, [['stdout', 'first 2024 x'], ['stderr', 'second']], 'nothing is taken for a timestamp');
  resume.shownUntil(timestampNanos('2024-05-01T10:00:01.25Z')!);
  assert.equal(resume.beginReplay(), Date.parse('2024-05-01T10:00:01Z') / 1000);
  const next = decoder({ resume, tty: true });
  feed(next.instance, Buffer.from(['2024-05-01T10:00:01.1Z old', '2024-05-01T10:00:01.25Z old', '2024-05-01T10:00:01.25Z old', '2024-05-01T10:00:01.26Z new', '2024-05-01T10:00:02Z newer', ''].join('\n')), 9);
  assert.deepEqual(next.lines.map(([, line]) => line), ['new', 'newer']);
  assert.equal(unixTimestamp(timestampNanos('2024-05-01T10:00:01.000000005Z')!), `${Date.parse('2024-05-01T10:00:01Z') / 1000}.000000005`);
});
