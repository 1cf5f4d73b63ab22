// Cold start reference: constructing the first Request (Node loads undici lazily).
const request = new Request('https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items');
process.stdout.write(JSON.stringify({ method: request.method }));
