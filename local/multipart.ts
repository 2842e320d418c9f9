export interface FormPart {
  name: string
  data: Buffer
}

/**
 * Parses a `multipart/form-data` body (the SDK sends openapi calls this way, built by the form-data
 * library). Whole-body parsing is fine: these requests are small and already size-limited.
 */
export function parseMultipart(contentType: string | undefined, body: Buffer): Map<string, FormPart> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '')
  if (!contentType?.toLowerCase().startsWith('multipart/form-data') || !boundary) {
    throw new Error('expected a multipart/form-data body with a boundary')
  }
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
  const parts = new Map<string, FormPart>()
  let start = body.indexOf(delimiter)
  if (start < 0) throw new Error('multipart body has no parts')
  for (;;) {
    start += delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') return parts
    const headerEnd = body.indexOf('\r\n\r\n', start)
    const next = body.indexOf(delimiter, start)
    if (headerEnd < 0 || next < 0 || headerEnd > next) throw new Error('malformed multipart part')
    const headers = body.subarray(start, headerEnd).toString('utf8')
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1]
    if (name === undefined) throw new Error('multipart part without a name')
    // The part's data ends before the CRLF that precedes the next delimiter.
    parts.set(name, { name, data: body.subarray(headerEnd + 4, next - 2) })
    start = next
  }
}
