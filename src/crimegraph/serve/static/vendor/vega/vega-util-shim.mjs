// vega-util's functions that vega-interpreter imports, from the vega bundle's global.
export const { ascending, isString, DisallowedObjectProperties } = globalThis.vega;
