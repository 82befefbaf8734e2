export { createNlpearlConnector, type NlpearlConnectorOptions } from './nlpearl-connector';
export { DEFAULT_NLPEARL_BASE_URL } from './audit-log-http';
