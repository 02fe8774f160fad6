/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set by `npm start`: the local demo Worker CSMS's OCPP endpoint. */
  readonly VITE_CSMS_URL?: string;
  /** Set by `npm start` from the Worker's .dev.vars: the admin page link carries it. */
  readonly VITE_CSMS_API_TOKEN?: string;
}
