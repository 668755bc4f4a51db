using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using GladiaPS.Core.Messages;
using GladiaPS.Core.Security;

namespace GladiaPS.Core.Live
{
    /// <summary>
    /// A live transcription session over one WebSocket that survives drops: audio the server has not
    /// acknowledged stays in a bounded backlog and is re-sent, exactly once and before anything new,
    /// after a reconnect to the same URL. Messages arrive typed, in order, and are kept until read.
    /// </summary>
    /// <remarks>
    /// Reconnection (docs/reconnection.md): a drop without a close frame, or a server close with 1001–4399
    /// or 4500–9999, is resumed on the same URL after a jittered delay that doubles with each attempt
    /// without progress (no audio acknowledged, open less than <see cref="LiveConnectionOptions.ConnectionProvenAfter"/>),
    /// up to <see cref="LiveConnectionOptions.MaxAttemptsWithoutProgress"/> attempts; connect time-outs count as
    /// failed attempts. A server close with 1000 ends the session, as do codes below 1000, 4400–4499 (client
    /// errors), 1003, 1007 and 1008; 1009 is retried with smaller frames while they can get smaller. Unlike
    /// Gladia's SDK, 1001 is resumed: the docs say any close but 1000 leaves the session alive, and a finished
    /// session is announced with 1000.
    /// Threading: any thread may call any member. Audio passed to <see cref="SendAudioAsync(ReadOnlyMemory{byte}, CancellationToken)"/>
    /// is copied before the call returns and is sent in call order; one writer task owns the socket's
    /// sending side, so no lock is ever held across a send. The writer and the receiver each write only their own
    /// state (<see cref="LiveWriterState"/>, <see cref="LiveReceiverState"/>) and tell each other the little they must
    /// through <see cref="LiveSharedStatus"/>; the ending (<see cref="SessionEnding"/>) is read under the control lock.
    /// </remarks>
    public sealed partial class GladiaLiveSession : IAsyncDisposable, IDisposable
    {
        private static readonly byte[] StopRecordingFrame = System.Text.Encoding.UTF8.GetBytes("{\"type\":\"stop_recording\"}");

        private readonly LiveConnectionOptions _options;
        private readonly AudioBacklog _backlog;
        private readonly Channel<LiveMessage> _messages = Channel.CreateUnbounded<LiveMessage>(
            new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
        private readonly CancellationTokenSource _disposeCts = new CancellationTokenSource();
        private readonly SemaphoreSlim _sendGate = new SemaphoreSlim(1, 1);
        private readonly TaskCompletionSource<LiveSessionOutcome> _completion =
            new TaskCompletionSource<LiveSessionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _started =
            new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
        private readonly Func<CancellationToken, Task<LiveSessionEndpoint>>? _starter;
        private readonly object _control = new object();
        private readonly SerialEventQueue _events = new SerialEventQueue();
        private Task _runTask = Task.CompletedTask;
        private LiveSessionStatus _status;
        private string? _id;
        private Uri? _url;
        private readonly SessionEnding _ending = new SessionEnding();
        private int _disposed;
        private readonly UnreadMessageBudget _unread;
        private readonly LiveWriterState _writer = new LiveWriterState();
        private readonly LiveReceiverState _receiver = new LiveReceiverState();
        private readonly LiveSharedStatus _shared = new LiveSharedStatus();

        private GladiaLiveSession(LiveConnectionOptions? options, Func<CancellationToken, Task<LiveSessionEndpoint>>? starter, string? id, Uri? url)
        {
            _options = (options ?? new LiveConnectionOptions()).Clone();
            _options.Validate();
            _backlog = new AudioBacklog(_options.MaxBacklogBytes, _options.MaxFrameBytes, _options.SampleFrameBytes);
            _unread = new UnreadMessageBudget(_options.MaxUnreadMessageBytes, _options.MaxUnreadPartials);
            _starter = starter;
            _id = id;
            _url = url;
            _status = starter is null ? LiveSessionStatus.Connecting : LiveSessionStatus.Starting;
        }

        /// <summary>
        /// Raised on every status change and on every new connection attempt. Events are delivered one at a
        /// time, in order, from one queue on a thread-pool thread (never on the thread that caused the change,
        /// never under a lock), so a handler may send, stop, close or dispose the session. A new connection's
        /// event (<see cref="LiveSessionStatus.Connected"/>, or <see cref="LiveSessionStatus.Ending"/> when a stop
        /// is pending) has been handled before anything is sent on that connection, and <see cref="Completion"/>
        /// completes after the <see cref="LiveSessionStatus.Ended"/> event has been handled; so a handler must
        /// not block waiting for the session's end (await it instead).
        /// </summary>
        public event EventHandler<LiveSessionStatusChangedEventArgs>? StatusChanged;

        /// <summary>The session (job) id; null while the init request is in flight.</summary>
        public string? Id => Volatile.Read(ref _id);

        /// <summary>The WebSocket URL with its token hidden; null while the init request is in flight.</summary>
        public string? RedactedUrl => Volatile.Read(ref _url) is { } url ? SecretRedactor.RedactLiveUrl(url) : null;

        public LiveSessionStatus Status
        {
            get { lock (_control) { return _status; } }
        }

        /// <summary>True once <see cref="StopRecordingAsync"/> or <see cref="CloseAsync"/> was called.</summary>
        public bool IsStopRequested
        {
            get { lock (_control) { return _ending.AnyRequested; } }
        }

        /// <summary>Completes when the session has ended, whatever the cause; it never faults.</summary>
        public Task<LiveSessionOutcome> Completion => _completion.Task;

        /// <summary>
        /// Opens a session that already exists (its id and WebSocket URL, for example handed over by a
        /// backend that created it). No HTTP request is made; the connection starts at once in the background.
        /// </summary>
        /// <param name="id">The session id returned by init.</param>
        /// <param name="url">The WebSocket URL returned by init (it carries the session's token).</param>
        /// <param name="options">Connection settings; null for the defaults.</param>
        /// <param name="statusChanged">Subscribed to <see cref="StatusChanged"/> before connecting, so no event is missed.</param>
        public static GladiaLiveSession Attach(
            string id, Uri url, LiveConnectionOptions? options = null, EventHandler<LiveSessionStatusChangedEventArgs>? statusChanged = null)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("The session id must not be empty.", nameof(id));
            }

            if (url is null)
            {
                throw new ArgumentNullException(nameof(url));
            }

            if (!url.IsAbsoluteUri || (url.Scheme != "ws" && url.Scheme != "wss"))
            {
                throw new ArgumentException("The session URL must be an absolute ws:// or wss:// URL, not '" + SecretRedactor.RedactLiveUrl(url) + "'.", nameof(url));
            }

            var session = new GladiaLiveSession(options, null, id, url);
            session.StatusChanged += statusChanged;
            session.Run();
            return session;
        }

        /// <summary>Creates a session whose endpoint comes from an asynchronous init call (the REST client's POST).</summary>
        internal static GladiaLiveSession StartWith(
            Func<CancellationToken, Task<LiveSessionEndpoint>> starter,
            LiveConnectionOptions? options,
            EventHandler<LiveSessionStatusChangedEventArgs>? statusChanged)
        {
            var session = new GladiaLiveSession(options, starter, null, null);
            session.StatusChanged += statusChanged;
            session.Run();
            return session;
        }

        /// <summary>Waits until the init request has completed; throws its error if it failed.</summary>
        internal Task WaitUntilStartedAsync(CancellationToken cancellationToken) => TaskWaits.WaitAsync(_started.Task, cancellationToken);

        /// <summary>
        /// Queues audio in the session's format. The bytes are copied before this returns; chunks over
        /// the frame limit are split. Waits while the backlog of unacknowledged audio is full.
        /// </summary>
        /// <remarks>
        /// All or nothing: the chunk is queued whole once there is room for all of it, so a send that is
        /// cancelled (or fails) has queued none of it and may simply be retried. A chunk larger than
        /// <see cref="LiveConnectionOptions.MaxBacklogBytes"/> is queued in parts as room frees; once its first
        /// part is queued, cancellation no longer interrupts it (the session's end still does).
        /// </remarks>
        /// <exception cref="InvalidOperationException">Stop or close was requested, or the session has ended.</exception>
        public async Task SendAudioAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            if (audio.IsEmpty)
            {
                return;
            }

            await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                lock (_control)
                {
                    if (_status == LiveSessionStatus.Ended)
                    {
                        throw new InvalidOperationException(EndedMessage());
                    }

                    if (_ending.AnyRequested)
                    {
                        throw new InvalidOperationException("Stop was requested for live session " + Id + "; no more audio can be sent.");
                    }
                }

                // Disposal needs no token here: the session's end closes the backlog, which fails waiting appends.
                await _backlog.AppendAsync(audio, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException closed) when (Status == LiveSessionStatus.Ended)
            {
                // The session ended while the send waited for room: say why it ended, not only that it did.
                throw new InvalidOperationException(EndedMessage(), closed);
            }
            finally
            {
                _sendGate.Release();
            }
        }

        private string EndedMessage() =>
            "The live session " + Id + " has ended; no more audio can be sent" +
            (Volatile.Read(ref _endError) is { } why ? ". " + why : ".");

        /// <summary>Queues audio; see <see cref="SendAudioAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.</summary>
        public Task SendAudioAsync(byte[] audio, CancellationToken cancellationToken = default) =>
            SendAudioAsync(new ReadOnlyMemory<byte>(audio ?? throw new ArgumentNullException(nameof(audio))), cancellationToken);

        /// <summary>
        /// Asks the server to end the recording. <c>stop_recording</c> is sent after every byte queued
        /// before this call; if the connection is down it is sent after the reconnect and re-send. It
        /// returns once the stop is queued; use <see cref="WaitForEndAsync"/> for the final results.
        /// </summary>
        public async Task StopRecordingAsync(CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                RequestEnd(stop: true);
            }
            finally
            {
                _sendGate.Release();
            }
        }

        /// <summary>
        /// Closes the socket with 1000 after every queued byte is sent, instead of stopping: the server
        /// then post-processes in the background (results through the callback and GET only). Waits for the end.
        /// </summary>
        public async Task<LiveSessionOutcome> CloseAsync(CancellationToken cancellationToken = default)
        {
            ThrowIfDisposed();
            await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                RequestEnd(stop: false);
            }
            finally
            {
                _sendGate.Release();
            }

            return await WaitForEndAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Waits until the session has ended (server close after stop, failure, or dispose). Never throws for a failed session.
        /// </summary>
        /// <remarks>
        /// The session sets no limit on how long the server may take to finish after a stop (post-processing
        /// can be long). To bound the wait, pass a token that cancels after the limit: the wait then throws
        /// <see cref="OperationCanceledException"/> and the session keeps running, so the caller decides,
        /// for example to dispose it, which closes the socket with 1000.
        /// </remarks>
        public Task<LiveSessionOutcome> WaitForEndAsync(CancellationToken cancellationToken = default) =>
            TaskWaits.WaitAsync(_completion.Task, cancellationToken);

        /// <summary>
        /// The session's messages in arrival order. Each message is delivered once, to one reader; the
        /// sequence ends when the session has ended and every message has been read.
        /// </summary>
        public async IAsyncEnumerable<LiveMessage> ReadMessagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var reader = _messages.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    OnRead(message);
                    yield return message;
                }
            }
        }

        /// <summary>Takes the next message if one is waiting.</summary>
        public bool TryReadMessage([NotNullWhen(true)] out LiveMessage? message)
        {
            if (_messages.Reader.TryRead(out var next))
            {
                OnRead(next);
                message = next;
                return true;
            }

            message = null;
            return false;
        }

        public LiveSessionStatistics GetStatistics() => new LiveSessionStatistics
        {
            BytesQueued = _backlog.End,
            BytesSent = Interlocked.Read(ref _writer.BytesSent),
            BytesResent = Interlocked.Read(ref _writer.BytesResent),
            BytesAcknowledged = _backlog.Acknowledged,
            BacklogBytes = _backlog.HeldBytes,
            FramesSent = Interlocked.Read(ref _writer.FramesSent),
            MessagesReceived = Interlocked.Read(ref _receiver.MessagesReceived),
            Reconnects = Volatile.Read(ref _reconnects),
            ConnectionAttempts = Volatile.Read(ref _connectionAttempts),
            PartialsDropped = _unread.PartialsDropped,
            MessagesDropped = _unread.MessagesDropped,
            ElapsedSeconds = _stopwatch.Elapsed.TotalSeconds,
        };

        /// <summary>
        /// Ends the session if it is still running, without a stop. When its socket is open, unsent audio is
        /// abandoned and the socket is closed with 1000, so the server ends the session (it never sees 1001);
        /// if that close does not complete within <see cref="LiveConnectionOptions.DisposeCloseTimeout"/>, or
        /// no socket is open (starting, reconnecting), the connection is abandoned at once. Waits for the session's task.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                await _runTask.ConfigureAwait(false);
                return;
            }

            if (RequestCloseForDispose() && _options.DisposeCloseTimeout > TimeSpan.Zero)
            {
                using var grace = new CancellationTokenSource();
                await Task.WhenAny(_runTask, Task.Delay(_options.DisposeCloseTimeout, grace.Token)).ConfigureAwait(false);
                grace.Cancel();
            }

            _disposeCts.Cancel();
            await _runTask.ConfigureAwait(false);
        }

        /// <summary>
        /// Ends the session like <see cref="DisposeAsync"/>, blocking until it has ended, for callers that cannot
        /// await. Called from a <see cref="StatusChanged"/> handler it starts the disposal and returns at once
        /// (the session's end waits for that handler to return).
        /// </summary>
        public void Dispose()
        {
            if (_events.IsDeliveringOnThisThread)
            {
                _ = DisposeAsync().AsTask();
                return;
            }

            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        /// <summary>Asks the writer to close the open socket with 1000 before sending anything more; false when no socket is open.</summary>
        private bool RequestCloseForDispose()
        {
            lock (_control)
            {
                if (_status != LiveSessionStatus.Connected && _status != LiveSessionStatus.Ending)
                {
                    return false;
                }

                _ending.DisposeClosing = true;
                _ending.CloseRequested = true;
                SignalControl();
                return true;
            }
        }

        public override string ToString() => "GladiaLiveSession " + (Id ?? "(starting)") + " " + Status;

        private void RequestEnd(bool stop)
        {
            lock (_control)
            {
                if (_status == LiveSessionStatus.Ended || (stop ? _ending.StopRequested : _ending.CloseRequested))
                {
                    return;
                }

                if (stop)
                {
                    _ending.StopRequested = true;
                    _ending.StopOffset = _backlog.End;
                }
                else
                {
                    _ending.CloseRequested = true;
                    _ending.CloseOffset = _backlog.End;
                }

                SignalControl();
            }

            // Only an open connection turns into Ending now; otherwise the next connection opens as Ending.
            SetStatus(LiveSessionStatus.Ending, 0, stop ? "stop requested" : "close requested", onlyFrom: LiveSessionStatus.Connected);
        }

        private void SignalControl() => _backlog.WakeWriter();

        private void SetStatus(LiveSessionStatus status, int attempt, string? detail, LiveSessionStatus? onlyFrom = null)
        {
            lock (_control)
            {
                var previous = _status;
                if (previous == LiveSessionStatus.Ended || (previous == status && attempt == 0) ||
                    (onlyFrom is { } required && previous != required))
                {
                    return;
                }

                _status = status;
                var handler = StatusChanged;
                if (handler is null)
                {
                    return;
                }

                // Queued under the lock, so events arrive in the order the changes happened; delivered by the
                // queue, never on the caller's thread nor under a lock, so a handler may call any member.
                var args = new LiveSessionStatusChangedEventArgs(status, previous, attempt, Volatile.Read(ref _reconnects), detail);
                _events.Post(() => Deliver(handler, args));
            }
        }

        private void Deliver(EventHandler<LiveSessionStatusChangedEventArgs> handler, LiveSessionStatusChangedEventArgs args)
        {
            try
            {
                handler(this, args);
            }
            catch (Exception exception)
            {
                // A failing handler must not end the session; say so in the message stream.
                Publish(LiveErrorMessage.Client(LiveErrorKind.Connection, "A StatusChanged handler threw: " + exception.Message, sessionId: Id));
            }
        }

        /// <summary>
        /// Queues a message for the reader within the budget of unread messages; <paramref name="always"/> for the
        /// client's own few reports (the session's end, what was dropped), which the budget never refuses.
        /// </summary>
        private void Publish(LiveMessage message, bool always = false)
        {
            if (_unread.TryAdmit(message, always, out var report))
            {
                _messages.Writer.TryWrite(message);
                return;
            }

            if (report == LiveErrorKind.PartialsDropped)
            {
                Publish(
                    LiveErrorMessage.Client(
                        LiveErrorKind.PartialsDropped,
                        _options.MaxUnreadPartials + " partial transcripts are waiting unread, so newer partials are dropped until they are read " +
                        "(counted in the statistics' PartialsDropped). Final transcripts are kept.",
                        sessionId: Id),
                    always: true);
            }
            else if (report == LiveErrorKind.MessagesDropped)
            {
                Publish(
                    LiveErrorMessage.Client(
                        LiveErrorKind.MessagesDropped,
                        string.Format(
                            System.Globalization.CultureInfo.InvariantCulture,
                            "The messages waiting unread take {0} of the {1} bytes the session keeps for them (MaxUnreadMessageBytes), so new " +
                            "messages are dropped until they are read, final transcripts last (counted in the statistics' MessagesDropped; " +
                            "the whole result stays available from Gladia). A '{2}' message was the first dropped.",
                            _unread.UnreadBytes,
                            _options.MaxUnreadMessageBytes,
                            SecretRedactor.Printable(message.Type, 40)),
                        sessionId: Id),
                    always: true);
            }
        }

        private void OnRead(LiveMessage message) => _unread.Release(message);

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                throw new ObjectDisposedException(nameof(GladiaLiveSession));
            }
        }
    }
}
