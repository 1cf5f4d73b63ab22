// API_URL=https://{api-id}.execute-api.{region}.amazonaws.com/{stage} node src/main.mjs
import { createOrdersClient, getOrder } from './orders-client.mjs';

const apiUrl = process.env.API_URL;
if (!apiUrl) throw new Error('Set API_URL to your API stage URL.');
console.log(await getOrder(createOrdersClient({ apiUrl }), process.argv[2] ?? '7'));
