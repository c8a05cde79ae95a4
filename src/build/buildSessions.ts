/**
 * The builds of each Dockerfile, in the order they started, and how each ended: lets what a finished build
 * left behind (its failure notification) know whether a later build of the same Dockerfile superseded it. Pure.
 */
export type BuildOutcome = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface BuildTicket {
  readonly dockerfile: string;
  readonly sequence: number;
}

export class BuildSessions {
  private sequence = 0;
  /** The latest build of each Dockerfile and its outcome so far. */
  private readonly latest = new Map<string, { sequence: number; outcome: BuildOutcome }>();

  begin(dockerfile: string): BuildTicket {
    const ticket = { dockerfile, sequence: ++this.sequence };
    this.latest.set(dockerfile, { sequence: ticket.sequence, outcome: 'running' });
    return ticket;
  }

  end(ticket: BuildTicket, outcome: Exclude<BuildOutcome, 'running'>): void {
    const latest = this.latest.get(ticket.dockerfile);
    if (latest?.sequence === ticket.sequence) {
      latest.outcome = outcome;
    }
  }

  /**
   * The outcome of the latest build of the ticket's Dockerfile when a later build than the ticket's started
   * (superseding it), else undefined.
   */
  supersededBy(ticket: BuildTicket): BuildOutcome | undefined {
    const latest = this.latest.get(ticket.dockerfile);
    return latest && latest.sequence > ticket.sequence ? latest.outcome : undefined;
  }

  /** True when the ticket's Dockerfile had a failed build before this one (the one `begin` returned). */
  previousFailed(dockerfile: string): boolean {
    return this.latest.get(dockerfile)?.outcome === 'failed';
  }
}
