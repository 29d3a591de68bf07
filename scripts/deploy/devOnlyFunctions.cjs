/**
 * A local Serverless plugin: functions marked `devOnly: true` in serverless.yml (the demo logins
 * and test hooks) exist on the local `dev` stage only. For every other stage they are removed from
 * the service before bundling, packaging or deploying, so a deployed API has no such route at all
 * (test/deploy/serverless.test.ts checks the prod template). The middleware also refuses them in
 * prod (http/policy.ts devOnly), should one ever be routed there by hand.
 */
class DevOnlyFunctions {
  constructor(serverless) {
    this.serverless = serverless;
    serverless.configSchemaHandler?.defineFunctionProperties('aws', {
      properties: { devOnly: { type: 'boolean' } },
    });
    this.hooks = { initialize: () => this.dropOutsideDev() };
  }

  dropOutsideDev() {
    const stage = this.serverless.getProvider('aws').getStage();
    const functions = this.serverless.service.functions ?? {};
    for (const [name, fn] of Object.entries(functions)) {
      if (!fn?.devOnly) continue;
      if (stage === 'dev') delete fn.devOnly;
      else delete functions[name];
    }
  }
}

module.exports = DevOnlyFunctions;
