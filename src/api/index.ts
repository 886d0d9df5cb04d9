/** @module api — the HTTP service: JSON API, OpenAPI, web UI. */
export { createApp, contentSecurityPolicy, type AppOptions } from './app.js'
export { openapi } from './openapi.js'
export { serveApp, type ServeOptions, type RunningServer } from './serve.js'
