// Shared by the CDN builds of @ocpp-ws-io/browser and @ocpp-ws-io/station (its build-cdn.mjs).

/**
 * What a CSMS (or a runtime adapter) needs and a station page does not: not in the CDN bundles.
 * The helpers at the end serve adapters that send headers, preset validators or enforce a frame
 * limit of their runtime's, which a page loading a CDN file does not do.
 */
export const SERVER_SIDE = new Set([
  'OCPPServer',
  'StationConnection',
  'NO_COMMON_PROTOCOL_CLOSE',
  'chooseProtocol',
  'parseBasicAuth',
  'parseProtocolHeader',
  'identityProblem',
  'splitIdentity',
  'timingSafeEqualString',
  'connectInMemory',
  'createMemoryTransportPair',
  'basicAuthorization',
  'refusedUpgrade',
  'isRetryableStatus',
  'withPresetValidators',
  'BINARY_FRAME_CLOSE',
  'FRAME_TOO_LARGE_CLOSE',
]);
