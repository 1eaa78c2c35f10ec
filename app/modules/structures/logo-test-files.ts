import sharp from 'sharp'

// Images for the logo tests, built in memory (no binary fixtures in the repository).

export const LOGO_TEST_FILES = {
  /** A wide JPEG with camera and place metadata. */
  wideJpegWithExif: () =>
    sharp({ create: { width: 300, height: 100, channels: 3, background: '#1b5e20' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Appareil secret', Copyright: 'Adresse du domicile' } })
      .toBuffer(),
  webp: () => sharp({ create: { width: 40, height: 40, channels: 4, background: '#123456' } }).webp().toBuffer(),
  /** A real PNG over 2 MB (noise does not compress). */
  largePng: () =>
    sharp({ create: { width: 1100, height: 1100, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .png({ compressionLevel: 0 })
      .toBuffer(),
  /** A PNG cut in the middle: file-type says PNG, sharp cannot decode it. */
  brokenPng: async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .png()
      .toBuffer()
    return png.subarray(0, Math.floor(png.length / 2))
  },
}
