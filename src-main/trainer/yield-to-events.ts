/** Lets the trainer's message handlers run (pause, stop, decode requests) between training steps. */
export const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
