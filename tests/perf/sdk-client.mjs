// A client of the local server written with Gladia's JavaScript SDK (@gladiaio/sdk, as tests/conformance installs it).
// It streams a 16-bit PCM WAV file in 100 ms chunks through session.sendAudio, with at most WINDOW bytes unacknowledged
// (--window 0: every chunk offered at once, as fast as the event loop turns, which is how the SDK is meant to be fed),
// and prints the driver's output format: one JSON line per final transcript and per other message type, then a summary.
//   node tests/perf/sdk-client.mjs --api-url URL --api-key KEY [--window BYTES] [--pace max|realtime] FILE
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'

const here = path.dirname(fileURLToPath(import.meta.url))
const sdkEntry = path.join(here, '..', 'conformance', 'node_modules', '@gladiaio', 'sdk', 'dist', 'index.js')
if (!fs.existsSync(sdkEntry)) {
  console.error(`sdk-client: ${sdkEntry} is missing: run 'npm ci' in tests/conformance`)
  process.exit(2)
}
const { GladiaClient } = await import(pathToFileURL(sdkEntry).href)

const options = { '--window': String(1 << 20), '--pace': 'max' }
let file
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; i++) {
  if (argv[i].startsWith('--')) options[argv[i]] = argv[++i]
  else file = argv[i]
}
const window = Number(options['--window'])
const realTime = options['--pace'] === 'realtime'

function readWavHeader(fd) {
  const riff = Buffer.alloc(12)
  fs.readSync(fd, riff, 0, 12, 0)
  if (riff.toString('ascii', 0, 4) !== 'RIFF' || riff.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${file} is not a WAV file`)
  let position = 12
  let format
  const head = Buffer.alloc(8)
  for (;;) {
    fs.readSync(fd, head, 0, 8, position)
    const id = head.toString('ascii', 0, 4)
    const size = head.readUInt32LE(4)
    position += 8
    if (id === 'data') return { ...format, dataOffset: position, dataLength: size }
    if (id === 'fmt ') {
      const fmt = Buffer.alloc(16)
      fs.readSync(fd, fmt, 0, 16, position)
      format = { tag: fmt.readUInt16LE(0), channels: fmt.readUInt16LE(2), sampleRate: fmt.readUInt32LE(4), bits: fmt.readUInt16LE(14) }
    }
    position += size + (size & 1)
  }
}

const write = (line) => process.stdout.write(line + '\n')
const fd = fs.openSync(file, 'r')
const wav = readWavHeader(fd)
if (wav.tag !== 1 || wav.bits !== 16) {
  console.error(`sdk-client: ${file} is not 16-bit PCM`)
  process.exit(2)
}

const client = new GladiaClient({ apiUrl: options['--api-url'], apiKey: options['--api-key'] })
const session = client.liveV2().startSession({
  encoding: 'wav/pcm',
  bit_depth: 16,
  sample_rate: wav.sampleRate,
  channels: wav.channels,
  messages_config: {
    receive_partial_transcripts: false,
    receive_final_transcripts: true,
    receive_speech_events: false,
    receive_pre_processing_events: false,
    receive_realtime_processing_events: false,
    receive_post_processing_events: true,
    receive_acknowledgments: true,
    receive_errors: true,
    receive_lifecycle_events: true,
  },
})

let acked = 0
let waiter = null
const wake = () => { if (waiter) { const w = waiter; waiter = null; w() } }
session.on('message', (message) => {
  if (message.type === 'audio_chunk') {
    if (message.acknowledged && message.data) {
      acked = message.data.byte_range[1]
      wake()
    }
    return
  }
  if (message.type === 'transcript') {
    if (message.data.is_final) {
      const u = message.data.utterance
      write(JSON.stringify({ type: 'transcript', channel: u.channel, start: u.start, end: u.end, text: u.text }))
    }
    return
  }
  write(`{"type":${JSON.stringify(message.type)}}`)
})
const ended = new Promise((resolve) => session.once('ended', resolve))
session.on('error', (error) => {
  console.error(`sdk-client: session error: ${error?.message ?? error}`)
  process.exit(1)
})

const chunkBytes = (wav.sampleRate * wav.channels * 2) / 10
const started = performance.now()
let sent = 0
for (let index = 0; sent < wav.dataLength; index++) {
  const n = Math.min(chunkBytes, wav.dataLength - sent)
  const chunk = Buffer.allocUnsafe(n)
  fs.readSync(fd, chunk, 0, n, wav.dataOffset + sent)
  if (window > 0) {
    while (sent + n - acked > window) await new Promise((resolve) => { waiter = resolve })
  } else {
    await new Promise(setImmediate)
  }
  if (realTime) {
    const due = index * 100 - (performance.now() - started)
    if (due > 0) await sleep(due)
  }
  if (index === 0) write('{"type":"first_chunk"}')
  session.sendAudio(chunk)
  sent += n
  // Offered without a window, report how much audio the SDK has taken (the stall suite reads it).
  if (window === 0 && index % 50 === 49) write(`{"type":"offered","bytes":${sent}}`)
}
while (acked < sent) await new Promise((resolve) => { waiter = resolve })
session.stopRecording()
const end = await ended
write(JSON.stringify({ summary: { session_id: session.sessionId, bytes_sent: sent, bytes_acked: acked, close_code: end?.code } }))
process.exit(end?.code === 1000 ? 0 : 1)
