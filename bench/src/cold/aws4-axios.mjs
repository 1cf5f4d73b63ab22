// Cold start: import axios and aws4-axios, send one signed request to a stub adapter.
import { aws4Interceptor } from 'aws4-axios';
import axios from 'axios';

/** @type {Record<string, string> | undefined} */
let sent;
const api = axios.create({
  adapter: async (config) => {
    sent = config.headers.toJSON();
    return { data: '', status: 200, statusText: 'OK', headers: {}, config };
  },
});
api.interceptors.request.use(
  aws4Interceptor({ instance: api, options: { region: 'eu-west-1', service: 'execute-api' } }),
);
await api.get(
  'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=10&start=a',
  {
    headers: { accept: 'application/json' },
  },
);
process.stdout.write(JSON.stringify({ headers: sent }));
