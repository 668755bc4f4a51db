using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Emulator.Live;
using GladiaPS.Emulator.Protocol;
using GladiaPS.TestSupport;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator
{
    /// <summary>
    /// One live session as the emulator sees it: what it kept, what it threw away, and what it recognised.
    /// Only acknowledged audio is kept (see the README's resume rule).
    /// </summary>
    public sealed class EmulatedSession
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly object _statsGate = new();
        private readonly ToneRecognizer _recognizer;
        private readonly LeadingWavHeaderStripper _stripper = new();
        private readonly KeptAudioStore _audio;
        private readonly List<RecognizedUtterance> _finals = new();
        private readonly List<string> _messages = new();
        private readonly int[] _utteranceCounts;
        private readonly Dictionary<string, List<RecognizedUtterance>> _translations = new(StringComparer.Ordinal);
        private readonly JsonArray _entities = new();
        private readonly JsonArray _sentiments = new();
        private readonly CallbackSender? _callbacks;
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource? _limit;
        private readonly ChangeSignal _changed = new();
        private LiveConnection? _current;
        private volatile SessionPhase _phase = SessionPhase.Open;
        private bool _recordingStarted;
        private bool _sessionStarted;
        private long _keptBytes;
        private long _receivedBytes;
        private long _discardedBytes;
        private int _connections;
        private int _drops;
        private int _refusedConnections;
        private DateTimeOffset? _completedAt;
        private JsonObject? _result;
        private FinishReason? _finishReason;

        internal EmulatedSession(SessionConfig config, string initRequestJson, string tempDirectory, HttpClient callbackHttp,
            double? maxSessionSeconds, CancellationToken stopping)
        {
            Id = Guid.NewGuid().ToString();
            Token = Guid.NewGuid().ToString("N");
            RequestId = ErrorBodies.NewRequestId();
            CreatedAt = DateTimeOffset.UtcNow;
            Config = config;
            InitRequestJson = initRequestJson;
            _recognizer = new ToneRecognizer(config.Format, config.Rules);
            _audio = new KeptAudioStore(tempDirectory);
            _utteranceCounts = new int[config.Channels];
            if (config.CallbackUrl != null) _callbacks = new CallbackSender(callbackHttp, config.CallbackUrl, _changed.Pulse, stopping);
            if (maxSessionSeconds is { } seconds)
            {
                _limit = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
                _limit.Token.Register(() => _ = FinishAsync(FinishReason.SessionLimit));
            }
        }

        /// <summary>The job id (also every message's <c>session_id</c>).</summary>
        public string Id { get; }

        public DateTimeOffset CreatedAt { get; }

        /// <summary><c>processing</c> until post-processing is over, then <c>done</c>.</summary>
        public string Status => _phase is SessionPhase.Done or SessionPhase.Deleted ? "done" : "processing";

        /// <summary>The init request body exactly as received.</summary>
        public string InitRequestJson { get; }

        /// <summary>The format the session decodes audio with.</summary>
        public ToneAudioFormat Format => Config.Format;

        /// <summary>Audio bytes kept (acknowledged), excluding a stripped WAV header.</summary>
        public long KeptBytes => Interlocked.Read(ref _keptBytes);

        /// <summary>Every audio byte read from any connection, kept or not.</summary>
        public long ReceivedBytes => Interlocked.Read(ref _receivedBytes);

        /// <summary>Audio bytes received but never acknowledged, thrown away when their connection dropped.</summary>
        public long DiscardedBytes => Interlocked.Read(ref _discardedBytes);

        /// <summary>Bytes of a leading WAV header that were stripped.</summary>
        public int HeaderBytes { get; private set; }

        /// <summary>WebSocket connections accepted for this session.</summary>
        public int Connections => Volatile.Read(ref _connections);

        /// <summary>Connections that ended without a close 1000 (dropped by either side or replaced).</summary>
        public int Drops => Volatile.Read(ref _drops);

        /// <summary>Connection attempts refused or closed at once by a connection fault (not counted in <see cref="Connections"/>).</summary>
        public int RefusedConnections => Volatile.Read(ref _refusedConnections);

        /// <summary>Why the recording ended: <c>stop_recording</c>, client close 1000, or the session limit; null while recording.</summary>
        public string? EndReason => _finishReason?.ToString();

        /// <summary>Callback POSTs that got a 2xx answer / that failed.</summary>
        public int CallbacksDelivered => _callbacks?.Delivered ?? 0;

        public int CallbacksFailed => _callbacks?.Failed ?? 0;

        /// <summary>Final utterances in the order they were produced.</summary>
        public IReadOnlyList<RecognizedUtterance> FinalUtterances
        {
            get
            {
                lock (_statsGate) return _finals.ToArray();
            }
        }

        /// <summary>Completes when the session is done (post-processing finished).</summary>
        public Task Completion => _completed.Task;

        internal string Token { get; }
        internal string RequestId { get; }
        internal SessionConfig Config { get; }
        internal bool IsDeleted => _phase == SessionPhase.Deleted;
        internal bool IsOpen => _phase == SessionPhase.Open;

        /// <summary>The final utterances of one channel, their texts joined by single spaces.</summary>
        public string Transcript(int channel = 0) =>
            string.Join(" ", FinalUtterances.Where(u => u.Channel == channel).Select(u => u.Text));

        public override string ToString() => $"EmulatedSession {Id} ({Status}, kept {KeptBytes} B, {Connections} connection(s))";

        /// <summary>
        /// Waits until <paramref name="condition"/> holds, re-checking whenever the session changes (bytes received, kept or
        /// discarded, a connection attached or dropped, the session finished); throws <see cref="TimeoutException"/> after
        /// <paramref name="timeout"/>.
        /// </summary>
        public Task WaitUntilAsync(Func<EmulatedSession, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(condition);
            return _changed.WaitUntilAsync(() => condition(this), timeout, $"a condition on session {Id}", cancellationToken);
        }

        internal void AddReceived(long bytes)
        {
            Interlocked.Add(ref _receivedBytes, bytes);
            _changed.Pulse();
        }

        /// <summary>
        /// Counts a connection refused by the <see cref="FaultSettings.CloseConnectionsCode"/> or
        /// <see cref="FaultSettings.RefuseConnectionsStatus"/> fault; it never becomes the session's connection.
        /// </summary>
        internal void CountRefusedConnection()
        {
            Interlocked.Increment(ref _refusedConnections);
            _changed.Pulse();
        }

        internal void AddDiscarded(long bytes)
        {
            Interlocked.Add(ref _discardedBytes, bytes);
            _changed.Pulse();
        }

        /// <summary>Makes <paramref name="connection"/> the session's connection; false if the session no longer takes audio.</summary>
        internal async Task<bool> AttachAsync(LiveConnection connection)
        {
            LiveConnection? replaced;
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_phase != SessionPhase.Open) return false;
                replaced = _current;
                if (replaced != null)
                {
                    replaced.MarkDiscarding();
                    Interlocked.Increment(ref _drops);
                }

                _current = connection;
                Interlocked.Increment(ref _connections);
                if (!_sessionStarted)
                {
                    _sessionStarted = true;
                    await EmitAsync(MessageKind.Lifecycle, LiveMessages.Envelope("start_session", Id)).ConfigureAwait(false);
                }
            }
            finally
            {
                _gate.Release();
            }

            replaced?.Abort();
            _changed.Pulse();
            return true;
        }

        /// <summary>
        /// Ends <paramref name="connection"/>'s part in the session. With <paramref name="discard"/> (a drop), audio it
        /// received that is not yet acknowledged will be thrown away; otherwise (after a stop) it is still processed.
        /// </summary>
        internal async Task DetachAsync(LiveConnection connection, bool discard)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (discard && !connection.IsDiscarding)
                {
                    connection.MarkDiscarding();
                    if (ReferenceEquals(_current, connection)) Interlocked.Increment(ref _drops);
                }

                connection.MarkSilent();
                if (ReferenceEquals(_current, connection)) _current = null;
            }
            finally
            {
                _gate.Release();
            }

            _changed.Pulse();
        }

        /// <summary>Drops <paramref name="connection"/> on purpose with a close frame carrying <paramref name="closeCode"/>.</summary>
        internal async Task DropWithCloseAsync(LiveConnection connection, int closeCode, string reason)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!connection.IsDiscarding)
                {
                    connection.MarkDiscarding();
                    if (ReferenceEquals(_current, connection)) Interlocked.Increment(ref _drops);
                }

                if (ReferenceEquals(_current, connection)) _current = null;
                await connection.CloseOutputAsync(closeCode, reason).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }

            _changed.Pulse();
        }

        /// <summary>Acknowledges and keeps one frame, unless its connection was dropped or the recording is over.</summary>
        internal async Task CommitAsync(LiveConnection connection, PendingFrame frame, FaultSettings faults)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                var stopping = connection.StopReceived;
                if (_phase != SessionPhase.Open || connection.IsDiscarding || (!stopping && !ReferenceEquals(_current, connection)))
                {
                    AddDiscarded(frame.Length);
                    return;
                }

                if (!_recordingStarted)
                {
                    _recordingStarted = true;
                    await EmitAsync(MessageKind.Lifecycle, LiveMessages.Envelope("start_recording", Id)).ConfigureAwait(false);
                }

                var start = KeptBytes;
                var events = Keep(frame.Audio);
                var end = KeptBytes;
                if (Config.Socket.Acknowledgments || Config.Callback.Acknowledgments)
                {
                    var ack = LiveMessages.AudioChunkAck(Id, start, end, Config.Format.ByteRate);
                    if (Config.Socket.Acknowledgments) await connection.SendTextAsync(ack).ConfigureAwait(false);
                    if (Config.Callback.Acknowledgments) _callbacks?.Enqueue(Id, "audio_chunk", (JsonObject)JsonNode.Parse(ack)!);
                }

                if (!connection.FaultFramesSent)
                {
                    connection.FaultFramesSent = true;
                    if (faults.SendNonJsonFrame) await connection.SendTextAsync("this frame is not JSON {"u8.ToArray()).ConfigureAwait(false);
                    if (faults.SendInvalidUtf8Frame) await connection.SendTextAsync(new byte[] { 0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D }).ConfigureAwait(false);
                    if (faults.SendUnknownMessageType)
                    {
                        var unknown = LiveMessages.WithData("emulator_unknown_event", Id, new JsonObject { ["note"] = "a message type clients do not know" });
                        await connection.SendTextAsync(Encoding.UTF8.GetBytes(unknown.ToJsonString())).ConfigureAwait(false);
                    }
                }

                await EmitRecognitionAsync(events).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Answers an <c>audio_chunk</c> message whose audio could not be read with a negative ack.</summary>
        internal async Task RejectAudioChunkAsync(LiveConnection connection, string reason)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (Config.Socket.Acknowledgments && ReferenceEquals(_current, connection))
                {
                    var json = LiveMessages.RejectedMessage("audio_chunk", Id, reason).ToJsonString();
                    await connection.SendTextAsync(Encoding.UTF8.GetBytes(json)).ConfigureAwait(false);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>The client asked to stop (<c>stop_recording</c>, or close 1000 when <paramref name="fromMessage"/> is false).</summary>
        internal async Task StopAsync(LiveConnection connection, bool fromMessage)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_phase != SessionPhase.Open) return;
                if (fromMessage)
                {
                    var ack = LiveMessages.StopRecordingAck(Id, KeptBytes / (double)Config.Format.ByteRate);
                    await EmitAsync(MessageKind.Acknowledgment, ack).ConfigureAwait(false);
                }

                await FinishLockedAsync(fromMessage ? FinishReason.StopRecording : FinishReason.ClientClose).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        internal async Task FinishAsync(FinishReason reason)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await FinishLockedAsync(reason).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>
        /// Removes the session: its audio is deleted and an open connection is closed with 1000 (the server ended the
        /// session on purpose: a client must not reconnect, and the URL no longer answers).
        /// </summary>
        internal async Task DeleteAsync()
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_phase == SessionPhase.Deleted) return;
                _phase = SessionPhase.Deleted;
                var connection = _current;
                _current = null;
                if (connection != null)
                {
                    connection.MarkDiscarding();
                    await connection.CloseOutputAsync(1000, "session deleted").ConfigureAwait(false);
                }

                _audio.Dispose();
                _callbacks?.Complete();
                _limit?.Dispose();
                _completed.TrySetResult();
            }
            finally
            {
                _gate.Release();
            }

            _changed.Pulse();
        }

        /// <summary>
        /// Answers a client text frame the server cannot act on: a message of a type it does not take gets a negative
        /// ack of that type (when acks are on); text that is not a JSON message with a <c>type</c> gets nothing.
        /// </summary>
        internal async Task RejectMessageAsync(LiveConnection connection, string? type, string reason)
        {
            if (type == null) return;
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (Config.Socket.Acknowledgments && ReferenceEquals(_current, connection))
                {
                    var json = LiveMessages.RejectedMessage(type, Id, reason).ToJsonString();
                    await connection.SendTextAsync(Encoding.UTF8.GetBytes(json)).ConfigureAwait(false);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        internal async Task<long> FlushAudioAsync()
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                _audio.Flush();
                return _audio.Length;
            }
            finally
            {
                _gate.Release();
            }
        }

        internal Task CopyAudioAsWavAsync(Stream destination, long length, CancellationToken cancellationToken) =>
            _audio.CopyAsWavAsync(destination, Config.Format, length, cancellationToken);

        /// <summary>The job object of <c>GET /v2/live/{id}</c> (reference §9).</summary>
        internal JsonObject ToJob()
        {
            JsonObject? result;
            string[] messages;
            lock (_statsGate)
            {
                result = _result?.DeepClone() as JsonObject;
                messages = _messages.ToArray();
            }

            if (result != null) result["messages"] = new JsonArray(messages.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray());
            var duration = KeptBytes / (double)Config.Format.ByteRate;
            return new JsonObject
            {
                ["id"] = Id,
                ["request_id"] = RequestId,
                ["version"] = 2,
                ["status"] = Status,
                ["created_at"] = Timestamps.Format(CreatedAt),
                ["completed_at"] = _completedAt is { } completed ? Timestamps.Format(completed) : null,
                ["custom_metadata"] = Config.CustomMetadata?.DeepClone(),
                ["error_code"] = null,
                ["post_session_metadata"] = new JsonObject(),
                ["kind"] = "live",
                ["file"] = new JsonObject
                {
                    ["id"] = Id,
                    ["filename"] = Id + ".wav",
                    ["source"] = null,
                    ["audio_duration"] = LiveMessages.Seconds(duration),
                    ["number_of_channels"] = Config.Channels,
                },
                ["request_params"] = Config.RequestParams.DeepClone(),
                ["result"] = result,
            };
        }

        internal void DisposeAudio() => _audio.Dispose();

        private List<RecognitionEvent> Keep(ReadOnlyMemory<byte> received)
        {
            var audio = _stripper.Process(received);
            HeaderBytes = _stripper.StrippedBytes;
            if (audio.IsEmpty) return new List<RecognitionEvent>();
            _audio.Append(audio.Span);
            Interlocked.Add(ref _keptBytes, audio.Length);
            _changed.Pulse();
            return new List<RecognitionEvent>(_recognizer.Feed(audio.Span));
        }

        private async Task FinishLockedAsync(FinishReason reason)
        {
            if (_phase != SessionPhase.Open) return;
            _phase = SessionPhase.Finishing;
            _finishReason = reason;
            var started = DateTimeOffset.UtcNow;
            _limit?.Dispose();

            var events = Keep(_stripper.Complete());
            events.AddRange(_recognizer.Complete());
            await EmitRecognitionAsync(events).ConfigureAwait(false);

            var duration = KeptBytes / (double)Config.Format.ByteRate;
            await EmitAsync(MessageKind.Lifecycle, LiveMessages.WithData("end_recording", Id,
                new JsonObject { ["recording_duration"] = LiveMessages.Seconds(duration) })).ConfigureAwait(false);

            var ordered = FinalUtterances.OrderBy(u => u.Start).ThenBy(u => u.Channel).ToList();
            var transcription = Transcription(ordered, Config.Language);
            await EmitAsync(MessageKind.PostProcessing, LiveMessages.WithData("post_transcript", Id, transcription.DeepClone())).ConfigureAwait(false);

            string? summary = null;
            if (Config.SummarizationType is { } summaryType)
            {
                summary = AddOns.Summarize(ordered, summaryType);
                await EmitAsync(MessageKind.PostProcessing, LiveMessages.AddOn("post_summarization", Id,
                    new JsonObject { ["results"] = summary })).ConfigureAwait(false);
            }

            var result = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["audio_duration"] = LiveMessages.Seconds(duration),
                    ["number_of_distinct_channels"] = Config.Channels,
                    ["billing_time"] = LiveMessages.Seconds(duration * Config.Channels),
                    ["transcription_time"] = LiveMessages.Seconds((DateTimeOffset.UtcNow - started).TotalSeconds),
                },
                ["transcription"] = transcription,
            };
            if (Config.TranslationTargets.Count > 0)
            {
                result["translation"] = AddOns.Block(new JsonArray(Config.TranslationTargets.Select(target =>
                {
                    var translated = Transcription(ordered, target, target);
                    translated["error"] = null;
                    return (JsonNode)translated;
                }).ToArray()));
            }

            if (summary != null) result["summarization"] = AddOns.Block(summary);
            if (Config.NamedEntityRecognition) result["named_entity_recognition"] = AddOns.Block(_entities.DeepClone());
            if (Config.SentimentAnalysis) result["sentiment_analysis"] = AddOns.Block(_sentiments.ToJsonString());

            await EmitAsync(MessageKind.PostProcessing, LiveMessages.WithData("post_final_transcript", Id, result.DeepClone())).ConfigureAwait(false);
            lock (_statsGate)
            {
                _result = result;
                _completedAt = DateTimeOffset.UtcNow;
                _phase = SessionPhase.Done;
            }

            await EmitAsync(MessageKind.Lifecycle, LiveMessages.Envelope("end_session", Id)).ConfigureAwait(false);
            var connection = _current;
            _current = null;
            if (connection != null)
            {
                connection.MarkSilent();
                await connection.CloseOutputAsync(1000, "session ended").ConfigureAwait(false);
            }

            _audio.Flush();
            _callbacks?.Complete();
            _completed.TrySetResult();
            _changed.Pulse();
        }

        private static JsonObject Transcription(IReadOnlyList<RecognizedUtterance> utterances, string language, string? translateTo = null)
        {
            var items = utterances.Select(u => (JsonNode)(translateTo == null
                ? LiveMessages.Utterance(u, language)
                : AddOns.TranslatedUtterance(u, translateTo))).ToArray();
            var texts = items.Select(i => i!["text"]!.GetValue<string>());
            return new JsonObject
            {
                ["full_transcript"] = string.Join(" ", texts),
                ["languages"] = new JsonArray(language),
                ["utterances"] = new JsonArray(items),
            };
        }

        private async Task EmitRecognitionAsync(IReadOnlyList<RecognitionEvent> events)
        {
            foreach (var recognitionEvent in events)
            {
                switch (recognitionEvent)
                {
                    case SpeechStarted started:
                        await EmitAsync(MessageKind.Speech, LiveMessages.SpeechEvent("speech_start", Id, started.Time, started.Channel)).ConfigureAwait(false);
                        break;
                    case SpeechEnded ended:
                        await EmitAsync(MessageKind.Speech, LiveMessages.SpeechEvent("speech_end", Id, ended.Time, ended.Channel)).ConfigureAwait(false);
                        break;
                    case PartialUtterance partial:
                        await EmitAsync(MessageKind.PartialTranscript, LiveMessages.Transcript(Id, UtteranceId(partial.Channel), false,
                            partial.Utterance, Config.Language)).ConfigureAwait(false);
                        break;
                    case FinalUtterance final:
                        await EmitFinalAsync(final.Utterance).ConfigureAwait(false);
                        break;
                }
            }
        }

        private async Task EmitFinalAsync(RecognizedUtterance utterance)
        {
            var id = UtteranceId(utterance.Channel);
            if (utterance.Channel >= 0 && utterance.Channel < _utteranceCounts.Length) _utteranceCounts[utterance.Channel]++;
            lock (_statsGate) _finals.Add(utterance);
            await EmitAsync(MessageKind.FinalTranscript, LiveMessages.Transcript(Id, id, true, utterance, Config.Language)).ConfigureAwait(false);

            foreach (var target in Config.TranslationTargets)
            {
                await EmitAsync(MessageKind.Realtime, LiveMessages.AddOn("translation", Id, new JsonObject
                {
                    ["utterance_id"] = id,
                    ["utterance"] = LiveMessages.Utterance(utterance, Config.Language),
                    ["original_language"] = Config.Language,
                    ["target_language"] = target,
                    ["translated_utterance"] = AddOns.TranslatedUtterance(utterance, target),
                })).ConfigureAwait(false);
            }

            if (Config.NamedEntityRecognition)
            {
                var entities = AddOns.Entities(utterance);
                foreach (var entity in entities) _entities.Add(entity!.DeepClone());
                await EmitAsync(MessageKind.Realtime, LiveMessages.AddOn("named_entity_recognition", Id, new JsonObject
                {
                    ["utterance_id"] = id,
                    ["utterance"] = LiveMessages.Utterance(utterance, Config.Language),
                    ["results"] = entities,
                })).ConfigureAwait(false);
            }

            if (Config.SentimentAnalysis)
            {
                var sentiments = AddOns.Sentiments(utterance);
                foreach (var sentiment in sentiments) _sentiments.Add(sentiment!.DeepClone());
                await EmitAsync(MessageKind.Realtime, LiveMessages.AddOn("sentiment_analysis", Id, new JsonObject
                {
                    ["utterance_id"] = id,
                    ["utterance"] = LiveMessages.Utterance(utterance, Config.Language),
                    ["results"] = sentiments,
                })).ConfigureAwait(false);
            }
        }

        private string UtteranceId(int channel) =>
            $"{channel:00}_{(channel >= 0 && channel < _utteranceCounts.Length ? _utteranceCounts[channel] : 0):00000000}";

        /// <summary>Sends a message on the socket and/or to the callback, as the session's flags ask. Call under the lock.</summary>
        private async Task EmitAsync(MessageKind kind, JsonObject message)
        {
            var type = message["type"]!.GetValue<string>();
            if (Config.Socket.Allows(kind) && _current is { } connection && connection.CanSend)
            {
                var json = message.ToJsonString();
                if (connection.Faults.MessageSessionId is { } lie)
                {
                    var lying = (JsonObject)message.DeepClone();
                    lying["session_id"] = lie;
                    json = lying.ToJsonString();
                }

                await connection.SendTextAsync(Encoding.UTF8.GetBytes(json)).ConfigureAwait(false);
                if (kind is not (MessageKind.Acknowledgment or MessageKind.PartialTranscript))
                {
                    lock (_statsGate) _messages.Add(json);
                }
            }

            if (_callbacks != null && Config.Callback.Allows(kind)) _callbacks.Enqueue(Id, type, message);
        }

        private enum SessionPhase
        {
            Open,
            Finishing,
            Done,
            Deleted,
        }
    }
}
