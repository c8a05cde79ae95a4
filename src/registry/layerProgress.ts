/**
 * Per-layer progress of a pull or push from the engine's JSON messages
 * (`{"id": "a1b2…", "status": "Downloading", "progressDetail": {"current": 1, "total": 9}}`). Pure.
 */
export interface ProgressMessage {
  id?: string;
  status?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

interface LayerState {
  status: string;
  current: number;
  total: number;
}

const doneStatuses = /^(Pull complete|Already exists|Layer already exists|Pushed|Mounted from|Download complete)/;

export class LayerProgress {
  private readonly layers = new Map<string, LayerState>();
  private errorText: string | undefined;
  /** The last status without a layer id (e.g. `Digest: sha256:…`, `Status: Downloaded newer image…`). */
  lastStatus: string | undefined;

  read(message: ProgressMessage): void {
    if (message.error !== undefined || message.errorDetail !== undefined) {
      this.errorText = message.errorDetail?.message ?? message.error;
      return;
    }
    if (!message.status) {
      return;
    }
    if (!message.id || !/^[0-9a-f]{12}$/.test(message.id)) {
      this.lastStatus = message.id ? `${message.id}: ${message.status}` : message.status;
      return;
    }
    const layer = this.layers.get(message.id) ?? { status: '', current: 0, total: 0 };
    layer.status = message.status;
    if (message.progressDetail?.total) {
      layer.total = message.progressDetail.total;
      layer.current = message.progressDetail.current ?? layer.current;
    }
    if (doneStatuses.test(message.status) && layer.total > 0) {
      layer.current = layer.total;
    }
    this.layers.set(message.id, layer);
  }

  get error(): string | undefined {
    return this.errorText;
  }

  /** One line per layer, e.g. `a1b2c3d4e5f6  Downloading  42%`. */
  lines(): string[] {
    return [...this.layers.entries()].map(([id, layer]) => {
      const percent = layer.total > 0 && !doneStatuses.test(layer.status) ? `  ${Math.floor((100 * layer.current) / layer.total)}%` : '';
      return `${id}  ${layer.status}${percent}`;
    });
  }

  /** A short summary for a progress notification: `3/5 layers done, 42% of 12.3 MB`. */
  summary(): string {
    const layers = [...this.layers.values()];
    if (layers.length === 0) {
      return this.lastStatus ?? 'Waiting for the registry…';
    }
    const done = layers.filter((layer) => doneStatuses.test(layer.status)).length;
    const total = layers.reduce((sum, layer) => sum + layer.total, 0);
    const current = layers.reduce((sum, layer) => sum + Math.min(layer.current, layer.total), 0);
    const bytes = total > 0 ? `, ${Math.floor((100 * current) / total)}% of ${(total / 1e6).toFixed(1)} MB` : '';
    return `${done}/${layers.length} layers done${bytes}`;
  }

  /** 0–100 over all layers whose size is known. */
  get percent(): number {
    const layers = [...this.layers.values()];
    const total = layers.reduce((sum, layer) => sum + layer.total, 0);
    return total === 0 ? 0 : (100 * layers.reduce((sum, layer) => sum + Math.min(layer.current, layer.total), 0)) / total;
  }
}
