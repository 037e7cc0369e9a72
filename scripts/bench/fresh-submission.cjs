// Load-generator hook (runs in autocannon's worker thread, which loads hooks with require):
// every request is a new submission, so none is answered as a retry.
const { randomUUID } = require('node:crypto');

module.exports = (request) => ({ ...request, body: request.body.replace('<submission-id>', randomUUID()) });
