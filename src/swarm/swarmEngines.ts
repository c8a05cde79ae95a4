import type Docker from 'dockerode';
import type { Subscribe } from '../explorer/emitter';
import type { EngineEvent } from '../engine/events';
import type { EngineRuntime } from '../engine/runtime';

/** One engine the Swarm view may show: a stable key, a label for the user, its client and its event stream. */
export interface SwarmEngine {
  key: string;
  label: string;
  docker: Docker;
  /** Podman has no swarm mode: its engine is never asked. */
  runtime?: EngineRuntime;
  /** The engine's events (all types), as its live connection receives them. */
  onEvent: Subscribe<EngineEvent>;
}

/** The engines connected now; fires when that set (or an engine's connection) changes. */
export interface SwarmEngineSource {
  engines(): SwarmEngine[];
  onDidChange: Subscribe<void>;
}
