/**
 * The export of a CommonJS package whose types declare an ES default export (graphology's
 * algorithms): Node hands an ES module the whole module.exports as its default, other loaders the
 * `default` property of it; take whichever is there.
 */
export const commonJsDefault = <T>(module: { default: T }): T => (module.default ?? module) as T;
