// Existing code: it calls the global `fetch` and knows nothing about SigV4.

/**
 * @param {string} apiUrl the API's base URL, stage included
 * @returns {Promise<unknown>}
 */
export async function listItems(apiUrl) {
  const response = await fetch(`${apiUrl}/items?limit=10&q=ada%20lovelace`);
  if (!response.ok) throw new Error(`GET /items: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * @param {string} apiUrl the API's base URL, stage included
 * @param {{ name: string }} item
 * @returns {Promise<unknown>}
 */
export async function addItem(apiUrl, item) {
  const response = await fetch(`${apiUrl}/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(item),
  });
  if (!response.ok) throw new Error(`POST /items: ${response.status} ${await response.text()}`);
  return response.json();
}
