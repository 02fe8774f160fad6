// A Node CSMS for the Worker-as-client tests: test-utils' core binding, which records each
// handshake it sees (the tests inspect them).
export { startCoreCsms as startNodeCsms } from '@ocpp-ws-io/test-utils';
