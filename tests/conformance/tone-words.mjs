// Tone words (docs/tone-words.md), written independently of the C# test-support library so that the
// conformance check does not share code with the server it checks.
export const VOCABULARY = [
  'alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel',
  'india', 'juliett', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa',
  'quebec', 'romeo', 'sierra', 'tango', 'uniform', 'victor', 'whiskey', 'xray',
  'yankee', 'zulu', 'zero', 'one', 'two', 'three', 'four', 'five',
]

const WORD_SECONDS = 0.2
const FADE_SECONDS = 0.01
const WORD_GAP_SECONDS = 0.04
const UTTERANCE_GAP_SECONDS = 0.8
const LEADING_SECONDS = 0.3
const TRAILING_SECONDS = 0.6
const AMPLITUDE = 0.5

export function frequencyOf(word) {
  const i = VOCABULARY.indexOf(word)
  if (i < 0) throw new Error(`"${word}" is not a tone word`)
  return 500 + 75 * i
}

/** Utterances of a phrase: "alpha bravo | charlie" -> [["alpha","bravo"],["charlie"]]. */
export function utterancesOf(phrase) {
  return phrase.split('|').map((u) => u.trim().split(/\s+/).filter(Boolean)).filter((u) => u.length > 0)
}

/** One Float64Array per channel, padded to the same length, plus where each utterance starts. */
export function synthesize(phrases, sampleRate) {
  const channels = phrases.map((phrase) => {
    const samples = []
    const starts = []
    const silence = (seconds) => { for (let n = Math.round(seconds * sampleRate); n > 0; n--) samples.push(0) }
    silence(LEADING_SECONDS)
    utterancesOf(phrase).forEach((words, u) => {
      if (u > 0) silence(UTTERANCE_GAP_SECONDS - WORD_GAP_SECONDS)
      starts.push(samples.length / sampleRate)
      for (const word of words) {
        const f = frequencyOf(word)
        const n = Math.round(WORD_SECONDS * sampleRate)
        const fade = FADE_SECONDS * sampleRate
        for (let i = 0; i < n; i++) {
          const envelope = Math.min(1, i / fade, (n - i) / fade)
          samples.push(AMPLITUDE * envelope * Math.sin((2 * Math.PI * f * i) / sampleRate))
        }
        silence(WORD_GAP_SECONDS)
      }
    })
    silence(TRAILING_SECONDS)
    return { samples, starts }
  })
  const length = Math.max(...channels.map((c) => c.samples.length))
  return {
    channels: channels.map((c) => { const a = new Float64Array(length); a.set(c.samples); return a }),
    utteranceStarts: channels.map((c) => c.starts),
  }
}

function linearToMuLaw(sample) {
  const BIAS = 0x84
  let pcm = Math.max(-32768, Math.min(32767, Math.round(sample * 32767)))
  const sign = pcm < 0 ? 0x80 : 0
  if (pcm < 0) pcm = -pcm
  pcm = Math.min(pcm + BIAS, 0x7fff)
  let exponent = 7
  for (let mask = 0x4000; (pcm & mask) === 0 && exponent > 0; mask >>= 1) exponent--
  const mantissa = (pcm >> (exponent + 3)) & 0x0f
  return ~(sign | (exponent << 4) | mantissa) & 0xff
}

function linearToALaw(sample) {
  let pcm = Math.max(-32768, Math.min(32767, Math.round(sample * 32767))) >> 3
  let mask
  if (pcm >= 0) { mask = 0xd5 } else { mask = 0x55; pcm = -pcm - 1 }
  const segmentEnds = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff]
  let segment = segmentEnds.findIndex((end) => pcm <= end)
  if (segment < 0) return 0x7f ^ mask
  const value = (segment << 4) | ((segment < 2 ? pcm >> 1 : pcm >> segment) & 0x0f)
  return value ^ mask
}

/** Interleaved bytes in the API's formats: wav/pcm 8 (unsigned), 16, 24, 32 (signed LE), wav/alaw, wav/ulaw. */
export function encode(channels, encoding, bitDepth) {
  const frames = channels[0].length
  const bytesPerSample = bitDepth / 8
  const out = Buffer.alloc(frames * channels.length * bytesPerSample)
  let offset = 0
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      const s = channel[i]
      if (encoding === 'wav/alaw') out[offset] = linearToALaw(s)
      else if (encoding === 'wav/ulaw') out[offset] = linearToMuLaw(s)
      else if (bitDepth === 8) out[offset] = Math.max(0, Math.min(255, Math.round(128 + s * 127)))
      else if (bitDepth === 16) out.writeInt16LE(Math.round(s * 32767), offset)
      else if (bitDepth === 24) out.writeIntLE(Math.round(s * 8388607), offset, 3)
      else if (bitDepth === 32) out.writeInt32LE(Math.round(s * 2147483647), offset)
      else throw new Error(`unsupported bit depth ${bitDepth}`)
      offset += bytesPerSample
    }
  }
  return out
}

/** A canonical 44-byte WAV header for the stream (format tag 1, 6 or 7). */
export function wavHeader(encoding, bitDepth, sampleRate, channelCount, dataBytes) {
  const header = Buffer.alloc(44)
  const blockAlign = channelCount * (bitDepth / 8)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + dataBytes, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(encoding === 'wav/alaw' ? 6 : encoding === 'wav/ulaw' ? 7 : 1, 20)
  header.writeUInt16LE(channelCount, 22)
  header.writeUInt32LE(sampleRate, 24)
  header.writeUInt32LE(sampleRate * blockAlign, 28)
  header.writeUInt16LE(blockAlign, 32)
  header.writeUInt16LE(bitDepth, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(dataBytes, 40)
  return header
}
