import type Docker from 'dockerode';
import type { Subscribe } from '../explorer/emitter';
import type { EngineEvent } from '../engine/events';

/** One engine the Swarm view may show: a stable key, a label for the user, its client and its event stream. */
export interface SwarmEngine {
  key: string;
  label: string;
  docker: Docker;
  /** The engine's events (all types), as its live connection receives them. */
  onEvent: Subscribe<EngineEvent>;
}

/** The engines connected now; fires when that set (or an engine's connection) changes. */
export interface SwarmEngineSource {
  engines(): SwarmEngine[];
  onDidChange: Subscribe<void>;
}
