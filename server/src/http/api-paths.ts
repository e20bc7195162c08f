/**
 * The paths the server answers itself, in one place: static-files.ts never answers them
 * with the web app's shell, and request-log.ts logs them at info level (files of the web
 * app at debug). Two copies of this list once drifted apart, and the unsubscribe links
 * under /mail were logged as if they were files of the web app.
 */
export const API_PATH_PREFIXES = ['/graphql', '/media', '/exports', '/healthz', '/readyz', '/metrics', '/mail'] as const;

/** True for a prefix itself and anything below it (`/media/…`), not for `/mediafoo`. */
export const isApiPath = (path: string): boolean => API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
