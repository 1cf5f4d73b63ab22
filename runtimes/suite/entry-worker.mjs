// Entry for workerd: a Worker module. The harness POSTs the config; the suite runs inside the
// Worker and every request it makes goes out through the Worker's outbound fetch.
import { runSuite } from './run-suite.mjs';

export default {
  async fetch(request) {
    const config = await request.json();
    return Response.json(await runSuite(config));
  },
};
