// Cold start reference: import axios and send one unsigned request to a stub adapter.
import axios from 'axios';

const api = axios.create({
  adapter: async (config) => ({ data: '', status: 200, statusText: 'OK', headers: {}, config }),
});
await api.get('https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items');
process.stdout.write('{}');
