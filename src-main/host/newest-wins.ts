/**
 * At most one job in flight and at most one waiting: a newer submission replaces the waiting one, which
 * resolves as dropped (null) without ever running. This is what keeps latent scrubbing live: while the
 * user drags, only the newest slider position is decoded once the decoder is free.
 */
export class NewestWins<Req, Res> {
  private busy = false;
  private waiting: { request: Req; resolve(value: Res | null): void; reject(error: unknown): void } | null = null;

  constructor(private readonly run: (request: Req) => Promise<Res>) {}

  submit(request: Req): Promise<Res | null> {
    return new Promise<Res | null>((resolve, reject) => {
      if (this.busy) {
        this.waiting?.resolve(null);
        this.waiting = { request, resolve, reject };
        return;
      }
      this.execute(request, resolve, reject);
    });
  }

  private execute(request: Req, resolve: (value: Res | null) => void, reject: (error: unknown) => void): void {
    this.busy = true;
    this.run(request)
      .then(resolve, reject)
      .finally(() => {
        this.busy = false;
        const next = this.waiting;
        this.waiting = null;
        if (next) this.execute(next.request, next.resolve, next.reject);
      });
  }
}
