/** A pause that `wake()` ends early: for loops that look for work now and then and are also told of it. */
export function createWakeablePause() {
  let wakeUp: (() => void) | undefined;
  return {
    pause(ms: number): Promise<void> {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      }).finally(() => (wakeUp = undefined));
    },
    /** Ends the pause in progress; false when none is (the loop is busy). */
    wake(): boolean {
      if (!wakeUp) return false;
      wakeUp();
      return true;
    },
  };
}
