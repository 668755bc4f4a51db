// Conformance of the local Gladia-compatible server with Gladia's own JavaScript SDK.
//
// For each case it starts the server from its command line (with the case's fault flags), streams a
// tone-word phrase through @gladiaio/sdk, and asserts that the final transcripts are exactly the
// phrase, per channel, in order, once, and that the job the SDK reads back agrees. Then the pre-recorded
// routes: upload, job, poll, list, file and delete through the SDK's pre-recorded client, with the speakers,
// redaction, subtitles and sentences the server stands in for. The last line of output is "N passed, N failed".
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { existsSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import { GladiaClient } from '@gladiaio/sdk'
import { synthesize, encode, wavHeader, utterancesOf } from './tone-words.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const API_KEY = 'conformance-key'
const CASE_TIMEOUT_MS = 120_000

const cases = [
  { name: 'pcm 16-bit 16 kHz mono', encoding: 'wav/pcm', bitDepth: 16, sampleRate: 16000, phrases: ['alpha bravo charlie | delta echo'] },
  { name: 'pcm 8-bit 8 kHz mono', encoding: 'wav/pcm', bitDepth: 8, sampleRate: 8000, phrases: ['foxtrot golf | hotel'] },
  { name: 'a-law 8 kHz mono', encoding: 'wav/alaw', bitDepth: 8, sampleRate: 8000, phrases: ['india juliett kilo'] },
  { name: 'mu-law 16 kHz mono', encoding: 'wav/ulaw', bitDepth: 8, sampleRate: 16000, phrases: ['lima mike | november oscar'] },
  { name: 'pcm 24-bit 44.1 kHz stereo', encoding: 'wav/pcm', bitDepth: 24, sampleRate: 44100, phrases: ['papa quebec | romeo', 'sierra tango uniform'] },
  { name: 'pcm 32-bit 48 kHz, 3 channels, one silent', encoding: 'wav/pcm', bitDepth: 32, sampleRate: 48000, phrases: ['victor whiskey', '', 'xray yankee | zulu'] },
  {
    name: 'pcm 16-bit 16 kHz, 8 channels', encoding: 'wav/pcm', bitDepth: 16, sampleRate: 16000,
    phrases: ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel | india'],
  },
  { name: 'leading WAV header stripped', encoding: 'wav/pcm', bitDepth: 16, sampleRate: 32000, phrases: ['zero one two | three'], withHeader: true },
  {
    name: '3 abrupt disconnects, mono', encoding: 'wav/pcm', bitDepth: 16, sampleRate: 16000,
    phrases: ['alpha bravo | charlie delta | echo foxtrot'], flags: ['--drop-after-bytes', '45000', '--drops', '3'], minReconnects: 3,
  },
  {
    name: '4 disconnects with close code 4500, stereo mu-law', encoding: 'wav/ulaw', bitDepth: 8, sampleRate: 8000,
    phrases: ['golf hotel | india', 'juliett | kilo lima'], flags: ['--drop-after-bytes', '9000', '--drops', '4', '--drop-close-code', '4500'], minReconnects: 4,
  },
  {
    name: '2 disconnects with close code 1011, 24-bit 48 kHz', encoding: 'wav/pcm', bitDepth: 24, sampleRate: 48000,
    phrases: ['mike november oscar | papa'], flags: ['--drop-after-bytes', '200000', '--drops', '2', '--drop-close-code', '1011'], minReconnects: 2,
  },
]

const emulatorDll = path.join(repo, 'tests', 'GladiaPS.Emulator', 'bin', 'Release', 'net10.0', 'GladiaPS.Emulator.dll')
const runningServers = new Set()
// A server must not outlive this script, even when it dies of an uncaught error.
process.on('exit', () => { for (const child of runningServers) child.kill() })

// The server is started from its built assembly (tests/run-all.sh builds the solution in Release first)
// rather than through `dotnet run`, so that killing the process really stops the server.
function startServer(flags) {
  return new Promise((resolve, reject) => {
    if (!existsSync(emulatorDll)) { reject(new Error(`${emulatorDll} is missing: build the solution in Release first`)); return }
    const child = spawn('dotnet', [emulatorDll, '--port', '0', '--api-key', API_KEY, ...flags], { stdio: ['ignore', 'pipe', 'pipe'] })
    runningServers.add(child)
    child.once('exit', () => runningServers.delete(child))
    let stderr = ''
    child.stderr.on('data', (d) => { stderr += d })
    const lines = createInterface({ input: child.stdout })
    const timer = setTimeout(() => { child.kill(); reject(new Error(`server did not start in 60 s: ${stderr}`)) }, 60_000)
    lines.once('line', (line) => {
      clearTimeout(timer)
      const match = /^listening (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)
      if (!match) { child.kill(); reject(new Error(`unexpected first line from the server: ${line}`)); return }
      resolve({ url: match[1], stop: () => child.kill() })
    })
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${stderr}`)) })
  })
}

function expectedTranscripts(phrases) {
  return phrases.map((phrase) => utterancesOf(phrase).map((words) => words.join(' ')))
}

async function runCase(testCase) {
  const server = await startServer(testCase.flags ?? [])
  try {
    const client = new GladiaClient({
      apiUrl: server.url,
      apiKey: API_KEY,
      // Only the delay is overridden: the SDK's option merge turns arrays (closeCodes) into objects.
      wsRetry: { delay: () => 50 },
    })
    const channels = testCase.phrases.length
    const signal = synthesize(testCase.phrases, testCase.sampleRate)
    let audio = encode(signal.channels, testCase.encoding, testCase.bitDepth)
    if (testCase.withHeader) audio = Buffer.concat([wavHeader(testCase.encoding, testCase.bitDepth, testCase.sampleRate, channels, audio.length), audio])
    const session = client.liveV2().startSession({
      encoding: testCase.encoding,
      bit_depth: testCase.bitDepth,
      sample_rate: testCase.sampleRate,
      channels,
      language_config: { languages: ['en'] },
      messages_config: {
        receive_final_transcripts: true,
        receive_partial_transcripts: false,
        receive_acknowledgments: true,
        receive_lifecycle_events: true,
      },
    })

    const finals = Array.from({ length: channels }, () => [])
    const types = []
    let acked = 0
    let reconnects = 0
    const audioBytes = audio.length - (testCase.withHeader ? 44 : 0)
    let allAcked
    const allAckedPromise = new Promise((resolve) => { allAcked = resolve })
    const ended = new Promise((resolve, reject) => {
      session.once('ended', resolve)
      session.on('error', (error) => reject(new Error(`session error: ${error?.message ?? error}`)))
    })
    session.on('connecting', () => { reconnects++ })
    session.on('message', (message) => {
      types.push(message.type)
      if (message.type === 'transcript' && message.data.is_final) {
        finals[message.data.utterance.channel].push(message.data.utterance)
      }
      if (message.type === 'audio_chunk' && message.acknowledged) {
        acked = message.data.byte_range[1]
        if (acked >= audioBytes) allAcked()
      }
    })

    const chunkBytes = Math.round(testCase.sampleRate * channels * (testCase.bitDepth / 8) * 0.1)
    for (let offset = 0; offset < audio.length; offset += chunkBytes) {
      session.sendAudio(audio.subarray(offset, Math.min(audio.length, offset + chunkBytes)))
    }
    // Gladia's SDK loses a stop requested while it reconnects; stopping once everything is
    // acknowledged keeps this check about the server, not about that SDK weakness.
    await withTimeout(allAckedPromise, 'every byte to be acknowledged')
    session.stopRecording()
    const end = await withTimeout(ended, 'the session to end')

    const failures = []
    if (end?.code !== 1000) failures.push(`ended with code ${end?.code}, expected 1000`)
    const expected = expectedTranscripts(testCase.phrases)
    for (let c = 0; c < channels; c++) {
      const got = finals[c].map((u) => u.text.trim())
      if (JSON.stringify(got) !== JSON.stringify(expected[c])) {
        failures.push(`channel ${c}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected[c])}`)
      }
      finals[c].forEach((u, i) => {
        const start = signal.utteranceStarts[c][i]
        if (start !== undefined && Math.abs(u.start - start) > 0.03) {
          failures.push(`channel ${c} utterance ${i} starts at ${u.start}, expected ${start.toFixed(3)} +/- 0.03`)
        }
      })
    }
    if (acked !== audioBytes) failures.push(`acknowledged ${acked} bytes, sent ${audioBytes}`)
    if (reconnects < (testCase.minReconnects ?? 0)) failures.push(`reconnected ${reconnects} times, expected at least ${testCase.minReconnects}`)
    for (const type of ['start_recording', 'end_recording', 'end_session']) {
      if (!types.includes(type)) failures.push(`no ${type} message`)
    }

    const job = await client.liveV2().get(session.sessionId)
    if (job.status !== 'done') failures.push(`job status ${job.status}, expected done`)
    const jobTexts = (job.result?.transcription?.utterances ?? [])
      .slice().sort((a, b) => a.channel - b.channel || a.start - b.start).map((u) => u.text.trim())
    const expectedJob = expected.flat()
    if (JSON.stringify(jobTexts) !== JSON.stringify(expectedJob)) {
      failures.push(`job utterances ${JSON.stringify(jobTexts)}, expected ${JSON.stringify(expectedJob)}`)
    }
    return failures
  } finally {
    server.stop()
  }
}

// Pre-recorded: a WAV file uploaded through the SDK, a job with the options the emulator stands in for, polled to
// done, then the job read back, listed, its file downloaded and the job deleted, all through @gladiaio/sdk.
const prerecordedCases = [
  { name: 'pre-recorded: pcm 16-bit 16 kHz mono, diarization, subtitles, sentences, PII', encoding: 'wav/pcm', bitDepth: 16, sampleRate: 16000,
    phrases: ['alpha bravo | charlie one two | delta'], options: { diarization: true, subtitles: true, subtitles_config: { formats: ['srt', 'vtt'] }, sentences: true, pii_redaction: true },
    speakers: [[0, 1, 0]], redact: true },
  { name: 'pre-recorded: mu-law 8 kHz stereo', encoding: 'wav/ulaw', bitDepth: 8, sampleRate: 8000, phrases: ['echo foxtrot', 'golf | hotel'], options: {} },
  { name: 'pre-recorded: 429 on create is retried by the SDK', encoding: 'wav/pcm', bitDepth: 16, sampleRate: 8000, phrases: ['india juliett'], options: {},
    faults: { create_fail_status: 429, create_fail_count: 1, retry_after_seconds: 0 } },
]

async function runPrerecordedCase(testCase) {
  const server = await startServer([])
  const folder = mkdtempSync(path.join(os.tmpdir(), 'gladiaps-conformance-'))
  try {
    if (testCase.faults) {
      const answer = await fetch(`${server.url}/emulator/faults`, {
        method: 'PUT', headers: { 'x-gladia-key': API_KEY, 'content-type': 'application/json' }, body: JSON.stringify(testCase.faults),
      })
      if (!answer.ok) throw new Error(`setting faults: ${answer.status}`)
    }
    const channels = testCase.phrases.length
    const signal = synthesize(testCase.phrases, testCase.sampleRate)
    const data = encode(signal.channels, testCase.encoding, testCase.bitDepth)
    const file = path.join(folder, 'call.wav')
    writeFileSync(file, Buffer.concat([wavHeader(testCase.encoding, testCase.bitDepth, testCase.sampleRate, channels, data.length), data]))

    const client = new GladiaClient({ apiUrl: server.url, apiKey: API_KEY }).preRecordedV2()
    const failures = []
    const uploaded = await client.uploadFile(file)
    if (uploaded.audio_metadata?.filename !== 'call.wav') failures.push(`upload filename ${uploaded.audio_metadata?.filename}`)
    if (uploaded.audio_metadata?.number_of_channels !== channels) failures.push(`upload channels ${uploaded.audio_metadata?.number_of_channels}, expected ${channels}`)
    const created = await client.create({ audio_url: uploaded.audio_url, custom_metadata: { case: testCase.name }, ...testCase.options })
    const job = await withTimeout(client.poll(created.id, { interval: 100, timeout: CASE_TIMEOUT_MS }), 'the job to finish')

    const redact = (text) => testCase.redact ? text.split(' ').map((w) => ['zero', 'one', 'two', 'three', 'four', 'five'].includes(w) ? '[NUMERICAL_PII]' : w).join(' ') : text
    const expected = expectedTranscripts(testCase.phrases).map((texts) => texts.map(redact))
    const utterances = job.result?.transcription?.utterances ?? []
    for (let c = 0; c < channels; c++) {
      const mine = utterances.filter((u) => u.channel === c).sort((a, b) => a.start - b.start)
      const got = mine.map((u) => u.text.trim())
      if (JSON.stringify(got) !== JSON.stringify(expected[c])) failures.push(`channel ${c}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected[c])}`)
      if (testCase.speakers && JSON.stringify(mine.map((u) => u.speaker)) !== JSON.stringify(testCase.speakers[c])) {
        failures.push(`channel ${c} speakers ${JSON.stringify(mine.map((u) => u.speaker))}, expected ${JSON.stringify(testCase.speakers[c])}`)
      }
      mine.forEach((u, i) => {
        const start = signal.utteranceStarts[c][i]
        if (start !== undefined && Math.abs(u.start - start) > 0.03) failures.push(`channel ${c} utterance ${i} starts at ${u.start}, expected ${start.toFixed(3)} +/- 0.03`)
      })
    }
    if (testCase.options.subtitles) {
      const formats = (job.result?.transcription?.subtitles ?? []).map((s) => s.format)
      if (JSON.stringify(formats) !== JSON.stringify(['srt', 'vtt'])) failures.push(`subtitle formats ${JSON.stringify(formats)}`)
    }
    if (testCase.options.sentences && (job.result?.transcription?.sentences?.[0]?.results ?? []).length !== expected.flat().length) failures.push('one sentence per utterance expected')
    if (job.file?.filename !== 'call.wav') failures.push(`job file ${job.file?.filename}`)

    const listed = await client.list({ status: ['done'] })
    if (!listed.items.some((item) => item.id === created.id)) failures.push('the done job is not in the list')
    const audio = Buffer.from(await client.getFile(created.id))
    if (!audio.equals(readFileSync(file))) failures.push(`the job's file is ${audio.length} bytes, not the ${readFileSync(file).length} uploaded`)
    if (await client.delete(created.id) !== true) failures.push('delete did not answer 202')
    try {
      await client.get(created.id)
      failures.push('the deleted job is still there')
    } catch {
      // 404, as expected.
    }
    return failures
  } finally {
    server.stop()
    rmSync(folder, { recursive: true, force: true })
  }
}

function withTimeout(promise, what) {
  let timer
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), CASE_TIMEOUT_MS) }),
  ]).finally(() => clearTimeout(timer))
}

let passed = 0
let failed = 0
for (const testCase of cases) {
  let failures
  try {
    failures = await runCase(testCase)
  } catch (error) {
    failures = [error?.stack ?? String(error)]
  }
  if (failures.length === 0) {
    passed++
    console.log(`PASS ${testCase.name}`)
  } else {
    failed++
    console.log(`FAIL ${testCase.name}`)
    for (const failure of failures) console.log(`     ${failure}`)
  }
}
for (const testCase of prerecordedCases) {
  let failures
  try {
    failures = await runPrerecordedCase(testCase)
  } catch (error) {
    failures = [error?.stack ?? String(error)]
  }
  if (failures.length === 0) {
    passed++
    console.log(`PASS ${testCase.name}`)
  } else {
    failed++
    console.log(`FAIL ${testCase.name}`)
    for (const failure of failures) console.log(`     ${failure}`)
  }
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
