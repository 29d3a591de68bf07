// h5 only (config/index.ts aliases): Taro.request's JSONP transport (`jsonp: true`), which the client
// never asks for; it fails loudly if something ever does.
module.exports = function jsonpRetry() {
  return Promise.reject(new Error('Taro.request({ jsonp }) is not part of this build (client/config/h5-no-jsonp.js)'));
};
