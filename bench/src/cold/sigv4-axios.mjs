// Cold start: import axios and @sigv4/axios (built), send one signed request to a stub adapter.
import { addSigV4Interceptor } from '@sigv4/axios';
import axios from 'axios';

/** @type {Record<string, string> | undefined} */
let sent;
const api = axios.create({
  adapter: async (config) => {
    sent = config.headers.toJSON();
    return { data: '', status: 200, statusText: 'OK', headers: {}, config };
  },
});
addSigV4Interceptor(api);
await api.get(
  'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=10&start=a',
  {
    headers: { accept: 'application/json' },
  },
);
process.stdout.write(JSON.stringify({ headers: sent }));
