// Runs the IAM emulator in its own process (started with --expose-gc) so its heap can be measured
// apart from the client's. The parent sends 'heap' and gets { heapUsed, arrayBuffers } after GC.
import { startIamEmulator } from './server-bundle.mjs';

const emulator = await startIamEmulator({
  emulate: 'apigateway-rest',
  region: 'us-east-1',
  credentials: [JSON.parse(process.env.EMULATOR_KEY ?? '{}')],
});

function measure() {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return {
    heapUsed,
    arrayBuffers,
    recorded: emulator.requests.length,
    received: emulator.received,
  };
}

process.on('message', async (message) => {
  if (message === 'heap') process.send?.({ heap: measure() });
  if (message === 'close') {
    await emulator.close();
    process.exit(0);
  }
});
process.send?.({ port: emulator.port, gc: typeof globalThis.gc === 'function' });
