/**
 * Waits for SIGINT/SIGTERM, then runs `graceful`; a second signal runs `force` (stop
 * running work now and release it). Resolves once `graceful` has finished.
 */
export function untilSignal(graceful: () => Promise<void>, force: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopping = false;
    const onSignal = (sig: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`casare: ${sig} again, releasing running jobs now\n`);
        force();
        return;
      }
      stopping = true;
      process.stderr.write(`casare: ${sig}, stopping gracefully (send again to force)\n`);
      graceful().then(resolve, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
