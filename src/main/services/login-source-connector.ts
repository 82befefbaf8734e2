/** One login-audit connector for one configured source: the settings pick the provider, the secret signs in. */
import { createCloudflareConnector, type CloudflareConnectorOptions } from '../../core/providers/cloudflare';
import { createIngedataConnector, type IngedataConnectorOptions } from '../../core/providers/ingedata';
import { createNlpearlConnector, type NlpearlConnectorOptions } from '../../core/providers/nlpearl';
import type { LoginAuditConnector } from '../../core/logins/types';
import type { LoginSourceSettings } from '../../shared/contract';

type Tuning<O> = Partial<Omit<O, 'sourceKey' | 'baseUrl' | 'accountId' | 'credentials' | 'apiKey' | 'secretKey'>>;

/** Tests only: faster limits, clocks and retries per provider. Never a user setting. */
export interface LoginConnectorOverrides {
  readonly cloudflare?: Tuning<CloudflareConnectorOptions>;
  readonly ingedata?: Tuning<IngedataConnectorOptions>;
  readonly nlpearl?: Tuning<NlpearlConnectorOptions>;
}

export function createLoginConnector(
  sourceKey: string,
  settings: LoginSourceSettings,
  secret: string,
  overrides: LoginConnectorOverrides = {},
): LoginAuditConnector {
  switch (settings.kind) {
    case 'cloudflare':
      return createCloudflareConnector({
        ...overrides.cloudflare,
        sourceKey,
        baseUrl: settings.baseUrl,
        accountId: settings.accountId,
        credentials:
          settings.authMethod === 'api-token'
            ? { kind: 'api-token', token: secret }
            : { kind: 'global-key', email: settings.email ?? '', key: secret },
      });
    case 'ingedata':
      return createIngedataConnector({ ...overrides.ingedata, sourceKey, baseUrl: settings.baseUrl, apiKey: secret });
    case 'nlpearl':
      return createNlpearlConnector({ ...overrides.nlpearl, sourceKey, baseUrl: settings.baseUrl, accountId: settings.accountId, secretKey: secret });
  }
}
