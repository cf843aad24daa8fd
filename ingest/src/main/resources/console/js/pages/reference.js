// The API reference, rendered here from the API's own OpenAPI 3.1 document (GET /v1/openapi.json) and event-type
// catalogue (GET /v1/event-types): nothing is fetched from elsewhere, and descriptions go in as text, never markup.
import { get } from '../api.js';
import { h, announce } from '../dom.js';

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

export async function referencePage(main) {
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  main.append(h('h1', {}, 'API reference'), status);
  let doc;
  let types;
  try {
    [doc, types] = await Promise.all([get('/v1/openapi.json'), get('/v1/event-types')]);
  } catch (e) {
    announce(status, `The reference could not be loaded: ${e.message}`, 'bad');
    return;
  }
  const resolve = (schema) => (schema && schema.$ref ? resolve(pointer(doc, schema.$ref)) : schema);
  const download = h('a', { href: URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)],
    { type: 'application/json' })), download: 'openapi.json' }, 'Download the OpenAPI document (openapi.json)');
  main.append(
    h('p', {}, text(doc.info.description)),
    h('p', {}, `OpenAPI ${doc.openapi}, version ${doc.info.version}. `, download, '.'),
    contents(doc),
    ...(doc.tags || []).map((tag) => h('section', { 'aria-labelledby': slug(`tag-${tag.name}`) },
      h('h2', { id: slug(`tag-${tag.name}`) }, tag.name),
      operations(doc, tag.name).map((operation) => operationView(operation, resolve)))),
    eventTypesView(types, resolve));
}

function contents(doc) {
  return h('nav', { 'aria-label': 'Operations', class: 'reference-contents' }, h('ul', {},
    (doc.tags || []).map((tag) => h('li', {}, tag.name, h('ul', {}, operations(doc, tag.name).map((operation) =>
      h('li', {}, h('a', { href: '#/reference', onclick: (e) => jump(e, operation.id) },
        h('span', { class: `method ${operation.method}` }, operation.method.toUpperCase()), ' ',
        h('code', {}, operation.path), ` ${operation.summary}`))))))));
}

function jump(event, id) {
  event.preventDefault();
  const target = document.getElementById(id);
  target.open = true;
  target.querySelector('summary').focus();
  target.scrollIntoView();
}

function operations(doc, tag) {
  const found = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation && (operation.tags || []).includes(tag)) {
        found.push({ ...operation, method, path, id: slug(`op-${operation.operationId}`),
          parameters: [...(item.parameters || []), ...(operation.parameters || [])] });
      }
    }
  }
  return found;
}

function operationView(operation, resolve) {
  const parameters = operation.parameters.map(resolve);
  const body = operation.requestBody && resolve(operation.requestBody);
  const bodySchema = body && body.content && body.content['application/json'];
  return h('details', { id: operation.id, class: 'operation' },
    h('summary', {}, h('span', { class: `method ${operation.method}` }, operation.method.toUpperCase()), ' ',
      h('code', {}, operation.path), ' — ', operation.summary),
    operation.description ? h('p', {}, text(operation.description)) : null,
    parameters.length ? [h('h3', {}, 'Parameters'), h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'In'),
        h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Description'))),
      h('tbody', {}, parameters.map((parameter) => h('tr', {},
        h('td', {}, h('code', {}, parameter.name), parameter.required ? ' (required)' : ''),
        h('td', {}, parameter.in), h('td', {}, typeOf(resolve(parameter.schema), resolve)),
        h('td', {}, text(parameter.description || ''))))))] : null,
    bodySchema ? [h('h3', {}, `Request body${body.required ? '' : ' (optional)'}`),
      schemaView(bodySchema.schema, resolve, 0)] : null,
    h('h3', {}, 'Responses'),
    h('dl', { class: 'responses' }, Object.entries(operation.responses).map(([code, response]) => {
      const resolved = resolve(response);
      const content = resolved.content && resolved.content['application/json'];
      return [h('dt', {}, code === 'default' ? 'Other' : code),
        h('dd', {}, text(resolved.description || ''),
          resolved.headers ? h('p', {}, 'Headers: ', Object.keys(resolved.headers).map((name) => h('code', {}, `${name} `))) : null,
          content && code.startsWith('2') ? schemaView(content.schema, resolve, 0) : null,
          content && content.example ? h('pre', {}, JSON.stringify(content.example, null, 2)) : null)];
    })));
}

/** A schema as a nested list of its fields: name, type, whether required, and what it says. */
function schemaView(schema, resolve, depth) {
  const resolved = resolve(schema);
  if (!resolved) return null;
  if (resolved.type === 'array' && resolved.items) {
    return h('div', {}, h('p', {}, `An array of: ${typeOf(resolve(resolved.items), resolve)}`,
      resolved.maxItems ? ` (at most ${resolved.maxItems})` : ''), schemaView(resolved.items, resolve, depth + 1));
  }
  const properties = Object.entries(resolved.properties || {});
  if (!properties.length || depth > 3) return resolved.description ? h('p', {}, text(resolved.description)) : null;
  const required = new Set(resolved.required || []);
  return h('div', {},
    resolved.description && depth === 0 ? h('p', {}, text(resolved.description)) : null,
    h('ul', { class: 'fields' }, properties.map(([name, property]) => {
      const field = resolve(property);
      return h('li', {}, h('code', {}, name), ` ${typeOf(field, resolve)}`, required.has(name) ? ', required' : '',
        field.enum ? `, one of ${field.enum.join(', ')}` : '',
        field.description ? [' — ', text(field.description)] : null,
        field.properties ? schemaView(field, resolve, depth + 1) : null,
        field.type === 'array' && resolve(field.items) && resolve(field.items).properties
          ? schemaView(field.items, resolve, depth + 1) : null);
    })));
}

function typeOf(schema, resolve) {
  if (!schema) return 'any';
  if (schema.oneOf) return schema.oneOf.map((option) => typeOf(resolve(option), resolve)).join(' or ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type || 'any';
  if (schema.type === 'array' && schema.items) return `array of ${typeOf(resolve(schema.items), resolve)}`;
  return schema.format ? `${type} (${schema.format})` : type;
}

function eventTypesView(types, resolve) {
  const all = [...types.data, types.test];
  return h('section', { 'aria-labelledby': 'event-types' }, h('h2', { id: 'event-types' }, 'Event type schemas'),
    h('p', {}, 'The data of each type, as its JSON Schema (2020-12) describes it, and an example. With ',
      h('code', {}, 'events.validate-data=true'), ' the API refuses data that breaks its schema.'),
    all.map((type) => h('details', { id: slug(`type-${type.type}`), class: 'operation' },
      h('summary', {}, h('code', {}, type.type), ` — ${type.description}`),
      schemaView(type.schema, resolve, 0),
      h('h3', {}, 'Example'), h('pre', {}, JSON.stringify(type.example, null, 2)))));
}

/** Text with `code` spans, as nodes. */
function text(value) {
  return String(value).split('`').map((part, index) => (index % 2 ? h('code', {}, part) : part));
}

function pointer(doc, ref) {
  return ref.replace(/^#\//, '').split('/').reduce((node, key) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

function slug(value) {
  return value.replace(/[^A-Za-z0-9_-]+/g, '-');
}
