// Stand-in for k6's 'k6/http' module in the tests: every request is recorded in globalThis.k6Requests (method, url,
// body, the tags.name it carries, whether it has a responseCallback) and answered 200, nothing is sent.
globalThis.k6Requests = [];

function record(method, url, body, params) {
  const tags = params && params.tags ? params.tags : {};
  globalThis.k6Requests.push({
    method: method,
    url: url,
    body: body === undefined ? null : body,
    name: tags.name === undefined ? null : tags.name,
    responseCallback: !!(params && params.responseCallback),
  });
  return { status: 200, body: '{}' };
}

export default {
  get: (url, params) => record('GET', url, null, params),
  post: (url, body, params) => record('POST', url, body, params),
  put: (url, body, params) => record('PUT', url, body, params),
  del: (url, body, params) => record('DELETE', url, body, params),
  expectedStatuses: (...statuses) => ({ expectedStatuses: statuses }),
};
