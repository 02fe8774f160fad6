/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set by `npm start`: the local demo Worker CSMS's OCPP endpoint. */
  readonly VITE_CSMS_URL?: string;
}
