// h5 only (config/index.ts aliases): stands in for a polyfill every browser that can run the h5
// build already has natively (see there).
module.exports = {};
