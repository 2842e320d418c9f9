/** The one internal of @cloudbase/manager-node the deploy touches: where each service's URL is built. */
declare module '@cloudbase/manager-node/lib/utils' {
  export const CloudService: { prototype: object }
}
