/**
 * Personas exist only in the H5 build (local testing and demos; see index.h5.ts). In the
 * mini-program WeChat itself says who the caller is, so there is nothing to choose here.
 */
export interface Persona {
  openid: string
  label: string
  hint: string
}

export const personaEnabled = false

export const personas: readonly Persona[] = []

export function currentOpenid(): string {
  return ''
}

export function choosePersona(_openid: string): string {
  return ''
}

export function onPersonaChange(_listener: (openid: string) => void): () => void {
  return () => undefined
}
