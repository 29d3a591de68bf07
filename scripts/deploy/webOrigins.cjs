/**
 * The origins allowed to call the API from a browser (CORS), read by serverless.yml:
 * `${file(./scripts/deploy/webOrigins.cjs):origins}`. The mini-program does not need CORS
 * (wx.request sends no Origin); only the h5 site does.
 *
 * - dev (npm start, browser tests): the local h5 server, http://127.0.0.1:$PARKLINK_WEB_PORT and
 *   http://localhost:$PARKLINK_WEB_PORT (10086 unless set), plus PARKLINK_WEB_ORIGINS.
 * - every deployed stage: exactly PARKLINK_WEB_ORIGINS (comma-separated https origins, e.g.
 *   `https://yqt.example.gov.cn`); packaging stops with an error when it is missing, so a stage
 *   can never be deployed open to every site.
 */
const parseList = (value) =>
  (value ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);

function originsFor(stage, env) {
  const listed = parseList(env.PARKLINK_WEB_ORIGINS);
  if (stage === 'dev') {
    const port = env.PARKLINK_WEB_PORT || '10086';
    return [...new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...listed])];
  }
  if (listed.length === 0) {
    throw new Error(`Set PARKLINK_WEB_ORIGINS to the h5 site's origins for stage ${stage} (e.g. https://yqt.example.gov.cn)`);
  }
  const bad = listed.filter((origin) => !/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin));
  if (bad.length) throw new Error(`PARKLINK_WEB_ORIGINS must be https origins without paths or wildcards: ${bad.join(', ')}`);
  return listed;
}

module.exports = {
  originsFor,
  origins: async ({ resolveVariable }) => originsFor(await resolveVariable('sls:stage'), process.env),
};
