import { describe, expect, it } from 'vitest'
import { IMAGE_MAX_SIDE, scaledSize } from './image-size'

describe('scaledSize: what a photo is scaled to before upload', () => {
  it('when a camera photo is larger than Moments shows, then its longer side becomes the limit, in proportion', () => {
    expect(scaledSize(4032, 3024, IMAGE_MAX_SIDE)).toEqual({ width: 1080, height: 810 })
    expect(scaledSize(3024, 4032, IMAGE_MAX_SIDE)).toEqual({ width: 810, height: 1080 })
  })

  it('when a photo is already within the limit, then it is never scaled up', () => {
    expect(scaledSize(800, 600, IMAGE_MAX_SIDE)).toEqual({ width: 800, height: 600 })
  })

  it('when a picture is longer than 2:1 (a detail picture), then its shorter side is bounded so its text stays readable', () => {
    expect(scaledSize(1242, 6000, IMAGE_MAX_SIDE)).toEqual({ width: 1080, height: 5217 })
    expect(scaledSize(750, 4000, IMAGE_MAX_SIDE)).toEqual({ width: 750, height: 4000 })
  })

  it('when a picture is exactly 2:1, then it is bounded by its longer side like a photo', () => {
    expect(scaledSize(4000, 2000, IMAGE_MAX_SIDE)).toEqual({ width: 1080, height: 540 })
  })
})
