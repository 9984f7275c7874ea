/**
 * Work done in rounds that never overlap: `wake()` asks for a round soon (a wake during a round
 * runs one more after it, so nothing written meanwhile waits for the next sweep), `run()` starts
 * one now or joins the one running, and `idle()` waits for the last to finish (tests, shutdown).
 */
export class SerialRounds<T> {
  private running: Promise<T> | undefined;
  private wakeAgain = false;

  constructor(
    private readonly round: () => Promise<T>,
    private readonly onError: (error: unknown) => void,
  ) {}

  wake(): void {
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    void this.run().catch(this.onError);
  }

  run(): Promise<T> {
    if (this.running) return this.running;
    const round = this.round().finally(() => {
      this.running = undefined;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    });
    this.running = round;
    return round;
  }

  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }
}
