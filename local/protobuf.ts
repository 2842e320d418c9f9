/**
 * Just enough protobuf for the SDK's openapi calls (docs/cloudbase/wire.md §7): read the request's
 * CommApiData and write a CommOpenApiResp. Hand-rolled because two tiny messages do not need a schema
 * compiler, and the SDK's own protobufjs is not a dependency of ours.
 */
type FieldValue = number | Buffer

/** Fields of one message in wire order; varints as numbers, length-delimited fields as bytes. */
export function readFields(buf: Buffer): { no: number; value: FieldValue }[] {
  const fields: { no: number; value: FieldValue }[] = []
  let pos = 0
  const varint = (): number => {
    let result = 0
    let factor = 1
    for (;;) {
      if (pos >= buf.length) throw new Error('protobuf: truncated varint')
      const byte = buf[pos++]
      result += (byte & 0x7f) * factor
      if (byte < 0x80) return result
      factor *= 128
      if (factor > 2 ** 63) throw new Error('protobuf: varint too long')
    }
  }
  while (pos < buf.length) {
    const key = varint()
    const no = Math.floor(key / 8)
    switch (key & 7) {
      case 0:
        fields.push({ no, value: varint() })
        break
      case 1:
        pos += 8
        break
      case 2: {
        const length = varint()
        if (pos + length > buf.length) throw new Error('protobuf: truncated field')
        fields.push({ no, value: buf.subarray(pos, pos + length) })
        pos += length
        break
      }
      case 5:
        pos += 4
        break
      default:
        throw new Error(`protobuf: unsupported wire type ${key & 7}`)
    }
  }
  return fields
}

function varintBytes(n: number): Buffer {
  // A negative int32 is sent as its 64-bit two's complement: ten bytes.
  if (n < 0) return bigVarintBytes(BigInt.asUintN(64, BigInt(n)))
  const bytes: number[] = []
  while (n >= 0x80) {
    bytes.push((n % 128) | 0x80)
    n = Math.floor(n / 128)
  }
  bytes.push(n)
  return Buffer.from(bytes)
}

function bigVarintBytes(n: bigint): Buffer {
  const bytes: number[] = []
  while (n >= 0x80n) {
    bytes.push(Number(n & 0x7fn) | 0x80)
    n >>= 7n
  }
  bytes.push(Number(n))
  return Buffer.from(bytes)
}

/** Encodes a message from `[fieldNumber, value]` pairs: numbers as varints, strings and bytes length-delimited. */
export function writeFields(fields: [number, number | string | Buffer][]): Buffer {
  return Buffer.concat(
    fields.flatMap(([no, value]) => {
      if (typeof value === 'number') return [varintBytes(no * 8), varintBytes(value)]
      const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value
      return [varintBytes(no * 8 + 2), varintBytes(bytes.length), bytes]
    }),
  )
}
