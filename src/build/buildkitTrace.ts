/**
 * Decodes BuildKit's progress trace: the engine streams `{"id": "moby.buildkit.trace", "aux": "<base64>"}`
 * messages whose payload is a `moby.buildkit.v1.StatusResponse` (buildkit api/services/control/control.proto).
 * Only the fields the build terminal shows are read; everything else is skipped by wire type. Pure.
 */
import protobuf from 'protobufjs/minimal';

/** Milliseconds since the epoch (a protobuf Timestamp), or undefined when the field is absent. */
export type Millis = number | undefined;

export interface TraceVertex {
  digest: string;
  inputs: string[];
  name: string;
  cached: boolean;
  started: Millis;
  completed: Millis;
  error: string;
}

export interface TraceStatus {
  id: string;
  vertex: string;
  name: string;
  current: number;
  total: number;
  timestamp: Millis;
  started: Millis;
  completed: Millis;
}

export interface TraceLog {
  vertex: string;
  timestamp: Millis;
  /** 1 stdout, 2 stderr. */
  stream: number;
  msg: Uint8Array;
}

export interface TraceWarning {
  vertex: string;
  level: number;
  short: string;
}

export interface StatusResponse {
  vertexes: TraceVertex[];
  statuses: TraceStatus[];
  logs: TraceLog[];
  warnings: TraceWarning[];
}

type Reader = protobuf.Reader;

/** int64 as a number: protobufjs gives a number, or a Long when the `long` package is loadable. */
function int64(reader: Reader): number {
  const value = reader.int64() as unknown;
  if (typeof value === 'number') {
    return value;
  }
  const long = value as { toNumber?: () => number; low: number; high: number };
  return long.toNumber ? long.toNumber() : long.high * 2 ** 32 + (long.low >>> 0);
}

/** Reads the fields of one length-delimited message, calling `field` for each; unknown ones are skipped. */
function readMessage(reader: Reader, end: number, field: (number: number, wireType: number) => boolean): void {
  while (reader.pos < end) {
    const tag = reader.uint32();
    const number = tag >>> 3;
    const wireType = tag & 7;
    if (!field(number, wireType)) {
      reader.skipType(wireType);
    }
  }
  if (reader.pos !== end) {
    throw new RangeError('A BuildKit trace message ends inside a field.');
  }
}

function endOf(reader: Reader): number {
  const length = reader.uint32();
  const end = reader.pos + length;
  if (end > reader.len) {
    throw new RangeError('A BuildKit trace message is cut short.');
  }
  return end;
}

function timestamp(reader: Reader): number {
  const end = endOf(reader);
  let seconds = 0;
  let nanos = 0;
  readMessage(reader, end, (number, wireType) => {
    if (wireType !== 0) return false;
    if (number === 1) seconds = int64(reader);
    else if (number === 2) nanos = reader.int32();
    else return false;
    return true;
  });
  return seconds * 1000 + nanos / 1e6;
}

function vertex(reader: Reader): TraceVertex {
  const end = endOf(reader);
  const result: TraceVertex = { digest: '', inputs: [], name: '', cached: false, started: undefined, completed: undefined, error: '' };
  readMessage(reader, end, (number, wireType) => {
    if (number === 4 && wireType === 0) {
      result.cached = reader.bool();
      return true;
    }
    if (wireType !== 2) return false;
    switch (number) {
      case 1: result.digest = reader.string(); return true;
      case 2: result.inputs.push(reader.string()); return true;
      case 3: result.name = reader.string(); return true;
      case 5: result.started = timestamp(reader); return true;
      case 6: result.completed = timestamp(reader); return true;
      case 7: result.error = reader.string(); return true;
      default: return false;
    }
  });
  return result;
}

function status(reader: Reader): TraceStatus {
  const end = endOf(reader);
  const result: TraceStatus = { id: '', vertex: '', name: '', current: 0, total: 0, timestamp: undefined, started: undefined, completed: undefined };
  readMessage(reader, end, (number, wireType) => {
    if (wireType === 0 && (number === 4 || number === 5)) {
      if (number === 4) result.current = int64(reader);
      else result.total = int64(reader);
      return true;
    }
    if (wireType !== 2) return false;
    switch (number) {
      case 1: result.id = reader.string(); return true;
      case 2: result.vertex = reader.string(); return true;
      case 3: result.name = reader.string(); return true;
      case 6: result.timestamp = timestamp(reader); return true;
      case 7: result.started = timestamp(reader); return true;
      case 8: result.completed = timestamp(reader); return true;
      default: return false;
    }
  });
  return result;
}

function log(reader: Reader): TraceLog {
  const end = endOf(reader);
  const result: TraceLog = { vertex: '', timestamp: undefined, stream: 0, msg: new Uint8Array(0) };
  readMessage(reader, end, (number, wireType) => {
    if (number === 3 && wireType === 0) {
      result.stream = int64(reader);
      return true;
    }
    if (wireType !== 2) return false;
    switch (number) {
      case 1: result.vertex = reader.string(); return true;
      case 2: result.timestamp = timestamp(reader); return true;
      case 4: result.msg = reader.bytes(); return true;
      default: return false;
    }
  });
  return result;
}

function warning(reader: Reader): TraceWarning {
  const end = endOf(reader);
  const result: TraceWarning = { vertex: '', level: 0, short: '' };
  readMessage(reader, end, (number, wireType) => {
    if (number === 2 && wireType === 0) {
      result.level = int64(reader);
      return true;
    }
    if (wireType !== 2) return false;
    switch (number) {
      case 1: result.vertex = reader.string(); return true;
      case 3: result.short = new TextDecoder().decode(reader.bytes()); return true;
      default: return false;
    }
  });
  return result;
}

/** Decodes one StatusResponse; throws a RangeError on a malformed payload. */
export function decodeStatusResponse(bytes: Uint8Array): StatusResponse {
  const reader = protobuf.Reader.create(bytes);
  const response: StatusResponse = { vertexes: [], statuses: [], logs: [], warnings: [] };
  readMessage(reader, reader.len, (number, wireType) => {
    if (wireType !== 2) return false;
    switch (number) {
      case 1: response.vertexes.push(vertex(reader)); return true;
      case 2: response.statuses.push(status(reader)); return true;
      case 3: response.logs.push(log(reader)); return true;
      case 4: response.warnings.push(warning(reader)); return true;
      default: return false;
    }
  });
  return response;
}

/** The trace message of the build stream, decoded; undefined for any other message. */
export function traceOf(message: { id?: string; aux?: unknown }): StatusResponse | undefined {
  if (message.id !== 'moby.buildkit.trace' || typeof message.aux !== 'string') {
    return undefined;
  }
  return decodeStatusResponse(Buffer.from(message.aux, 'base64'));
}
