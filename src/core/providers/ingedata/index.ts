export { createIngedataConnector, LOGIN_SORT, type IngedataConnectorOptions } from './ingedata-connector';
export { DEFAULT_PULSE_BASE_URL } from './pulse-http';
