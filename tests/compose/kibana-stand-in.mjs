// A stand-in for Kibana in the Compose test (no Kibana image or distribution is within reach here): answers
// GET /api/status, and keeps the data views and saved objects kibana-setup posts, as Kibana 8 does for the
// calls it makes (kbn-xsrf required on writes, 409 on an existing id unless overwritten), so the checker can
// read them back.
import { createServer } from 'node:http';

const dataViews = new Map();
const savedObjects = new Map();
let defaultDataView = null;

function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJson(request) {
  let text = '';
  for await (const chunk of request) text += chunk;
  return JSON.parse(text);
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://kibana');
  try {
    if (request.method === 'GET' && url.pathname === '/api/status') {
      return send(response, 200, { name: 'kibana-stand-in', status: { overall: { level: 'available' } } });
    }
    if (request.method === 'POST' && !request.headers['kbn-xsrf']) {
      return send(response, 400, { statusCode: 400, message: 'Request must contain a kbn-xsrf header.' });
    }
    if (request.method === 'POST' && url.pathname === '/api/data_views/data_view') {
      const { data_view: view, override } = await readJson(request);
      if (!view?.title) return send(response, 400, { message: 'data_view.title is required' });
      if (dataViews.has(view.id) && !override) return send(response, 400, { message: `Duplicate data view: ${view.title}` });
      dataViews.set(view.id, view);
      return send(response, 200, { data_view: view });
    }
    if (request.method === 'POST' && url.pathname === '/api/data_views/default') {
      const { data_view_id: id } = await readJson(request);
      if (!dataViews.has(id)) return send(response, 404, { message: `no data view ${id}` });
      defaultDataView = id;
      return send(response, 200, { acknowledged: true });
    }
    const object = /^\/api\/saved_objects\/([a-z-]+)\/([\w-]+)$/.exec(url.pathname);
    if (object && request.method === 'POST') {
      const [, type, id] = object;
      const key = `${type}/${id}`;
      if (savedObjects.has(key) && url.searchParams.get('overwrite') !== 'true') return send(response, 409, { message: 'conflict' });
      const { attributes, references = [] } = await readJson(request);
      for (const reference of references) {
        if (reference.type === 'index-pattern' && !dataViews.has(reference.id)) {
          return send(response, 400, { message: `reference to a missing data view ${reference.id}` });
        }
      }
      JSON.parse(attributes?.kibanaSavedObjectMeta?.searchSourceJSON ?? '{}');
      savedObjects.set(key, { id, type, attributes, references });
      return send(response, 200, savedObjects.get(key));
    }
    if (object && request.method === 'GET') {
      const found = savedObjects.get(`${object[1]}/${object[2]}`);
      return found ? send(response, 200, found) : send(response, 404, { message: 'not found' });
    }
    if (request.method === 'GET' && url.pathname === '/api/data_views/default') {
      return send(response, 200, { data_view_id: defaultDataView });
    }
    const view = /^\/api\/data_views\/data_view\/([\w-]+)$/.exec(url.pathname);
    if (view && request.method === 'GET') {
      return dataViews.has(view[1]) ? send(response, 200, { data_view: dataViews.get(view[1]) }) : send(response, 404, {});
    }
    return send(response, 404, { message: `the stand-in does not serve ${request.method} ${url.pathname}` });
  } catch (error) {
    return send(response, 400, { message: String(error) });
  }
});

server.listen(5601, '0.0.0.0', () => console.log('kibana stand-in listening on :5601'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
