/** @module api/openapi — the hand-written OpenAPI 3.1 description served at /openapi.json. */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const error = { description: 'Error', content: { 'application/json': { schema: ref('Error') } } }
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } })
const pageParameters = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 }, description: 'Most items returned.' },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 }, description: 'Items skipped.' },
]
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } }

/** The OpenAPI document of the JSON API. Offsets are UTF-16 code units, end-exclusive. */
export const openapi = {
  openapi: '3.1.0',
  info: {
    title: 'Parallax API',
    version: '0.1.0',
    description: 'Stories, documents and search over the Parallax store. Every analysis item points at character offsets (UTF-16 code units, end-exclusive) of the `text` of the document it names.',
  },
  paths: {
    '/api/health': { get: { summary: 'Store backend and row counts', responses: { 200: json({ type: 'object', properties: { ok: { type: 'boolean' }, backend: { enum: ['sqlite', 'postgres'] }, counts: { type: 'object', additionalProperties: { type: 'integer' } } } }) } } },
    '/api/stories': { get: { summary: 'List stories, most recent first', parameters: pageParameters, responses: { 200: json({ type: 'object', properties: { stories: { type: 'array', items: ref('StorySummary') } } }), 400: error } } },
    '/api/stories/{id}': { get: { summary: 'One story with its analysis', parameters: [idParameter], responses: { 200: json(ref('Story')), 404: error } } },
    '/api/documents': { get: { summary: 'List documents, newest first', parameters: pageParameters, responses: { 200: json({ type: 'object', properties: { documents: { type: 'array', items: ref('DocumentSummary') } } }), 400: error } } },
    '/api/documents/{id}': { get: { summary: 'One document: text, meta, standoff layers, messages, stories', parameters: [idParameter], responses: { 200: json(ref('Document')), 404: error } } },
    '/api/search': {
      get: {
        summary: 'Ranked full-text search over documents, with filters',
        parameters: [
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Words; all must occur (stemmed).' },
          { name: 'entity', in: 'query', schema: { type: 'string' }, description: 'Only documents naming an entity containing this.' },
          { name: 'source', in: 'query', schema: { type: 'string' }, description: 'Only documents from an outlet containing this.' },
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Published on or after.' },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Published on or before (inclusive).' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
        ],
        responses: {
          200: json({
            type: 'object',
            properties: {
              query: { type: 'object' },
              ranking: {
                type: 'object',
                description: 'With `q`: ranking scores at most `candidates` matches, the most recently stored first (filters apply before the cut). Narrow with from/to/source to reach older articles.',
                properties: { scope: { const: 'newest-matches' }, candidates: { type: 'integer' } },
              },
              hits: { type: 'array', items: ref('SearchHit') },
            },
          }),
          400: error,
        },
      },
    },
  },
  components: {
    schemas: {
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
      DocumentSummary: {
        type: 'object',
        required: ['id', 'length', 'contentHash', 'ingestedAt'],
        properties: {
          id: { type: 'string' },
          title: { type: ['string', 'null'] },
          source: { type: ['string', 'null'] },
          url: { type: ['string', 'null'] },
          published: { type: ['string', 'null'], description: 'the publication date the outlet gave, ISO 8601' },
          publishedInferred: {
            type: 'object',
            description: 'present when the outlet gave no date and one was inferred; date filters and the newest-first order use it',
            required: ['date', 'reason'],
            properties: { date: { type: 'string' }, reason: { type: 'string' } },
          },
          length: { type: 'integer', description: 'UTF-16 code units' },
          urlNorm: { type: ['string', 'null'] },
          contentHash: { type: 'string' },
          ingestedAt: { type: 'string', format: 'date-time' },
        },
      },
      Document: {
        type: 'object',
        required: ['id', 'text', 'meta', 'layers', 'messages', 'stories'],
        properties: {
          id: { type: 'string' },
          text: { type: 'string' },
          meta: { type: 'object' },
          layers: { type: 'object', additionalProperties: { type: 'array' }, description: 'Standoff layers by name (blocks, tokens, sentences, entities, quotes, times …).' },
          messages: { type: 'array', items: { type: 'object' } },
          stories: { type: 'array', items: { type: 'string' } },
        },
      },
      StorySummary: {
        type: 'object',
        required: ['id', 'title', 'summary', 'documentCount', 'sources'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          summary: { type: 'string' },
          documentCount: { type: 'integer' },
          sources: { type: 'array', items: { type: 'string' } },
          firstPublished: { type: ['string', 'null'] },
          lastPublished: { type: ['string', 'null'] },
          entityCount: { type: 'integer' },
          claimCount: { type: 'integer' },
          updatedAt: { type: 'string' },
        },
      },
      Story: {
        allOf: [
          ref('StorySummary'),
          {
            type: 'object',
            required: ['documentIds', 'analysis'],
            properties: {
              documentIds: { type: 'array', items: { type: 'string' } },
              analysis: { type: 'object', description: 'The analysis of the member documents (schema/analysis.schema.json); extra sections may appear.' },
            },
          },
        ],
      },
      SearchHit: { type: 'object', required: ['document', 'rank', 'storyIds'], properties: { document: ref('DocumentSummary'), rank: { type: 'number' }, storyIds: { type: 'array', items: { type: 'string' } } } },
    },
  },
} as const
