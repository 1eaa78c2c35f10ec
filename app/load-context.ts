// What server.ts passes to every loader and action.
declare module '@remix-run/node' {
  interface AppLoadContext {
    /** CSP nonce of this response. */
    nonce: string
    /** Client IP (behind a proxy only when TRUST_PROXY=true). */
    clientIp: string
  }
}

export {}
