using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Dsp;
using GladiaPS.Core.Audio.Inputs;
using GladiaPS.Core.Capture;
using GladiaPS.Core.Live;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;

namespace GladiaPS.Core.Transcribing
{
    /// <summary>
    /// Transcribes an <see cref="AudioInput"/> in live sessions: opens the input, picks the session format closest to
    /// it, starts a session, converts, chunks and paces the audio into it, and yields every message the session receives
    /// with the offset of its session in the input. An input longer than <see cref="LiveTranscriberOptions.SessionLimit"/>
    /// goes on in further sessions, each opened ahead and switched at a pause, so nothing is lost or sent twice.
    /// </summary>
    /// <remarks>
    /// Reusable and safe to share: each <see cref="TranscribeAsync"/> is a run of its own. The sessions a run starts are
    /// stopped behind their audio, waited for, and disposed before its enumeration ends; when the enumeration is
    /// abandoned, cancelled or fails, they are stopped and given a short grace to finish on the server.
    /// </remarks>
    public sealed class LiveTranscriber
    {
        private static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(5);

        /// <summary>
        /// How much of a decoded input (ffmpeg) is read before its session is created: a broken file usually fails within
        /// its first seconds, and then no session is left on the server for it.
        /// </summary>
        private static readonly TimeSpan DecodedReadAhead = TimeSpan.FromSeconds(3);

        /// <summary>How long a device may take to deliver its first audio once opened.</summary>
        private static readonly TimeSpan FirstAudioTimeout = TimeSpan.FromSeconds(10);

        /// <summary>How many of a session's events are taken from it ahead of the caller (see <see cref="PumpAsync"/>).</summary>
        private const int HeldEvents = 256;
        private readonly GladiaRestClient? _client;
        private readonly LiveTranscriberOptions _options;
        private readonly TimeProvider _time;

        /// <summary>A transcriber on the system clock. (An overload of its own, so callers need no reference to TimeProvider's assembly.)</summary>
        public LiveTranscriber(GladiaRestClient? client, LiveTranscriberOptions options)
            : this(client, options, null)
        {
        }

        /// <param name="client">Creates the sessions; may be null when <see cref="LiveTranscriberOptions.StartSession"/> does, or
        /// when the transcriber only sends into existing sessions (<see cref="SendAsync"/>).</param>
        /// <param name="options">How to make and feed the sessions: copied now, so later changes to it do not reach this transcriber.</param>
        /// <param name="timeProvider">The clock for pacing and the session limit; the system clock when null.</param>
        public LiveTranscriber(GladiaRestClient? client, LiveTranscriberOptions options, TimeProvider? timeProvider)
        {
            _client = client;
            _options = options?.Copy() ?? throw new ArgumentNullException(nameof(options));
            _time = timeProvider ?? TimeProvider.System;
        }

        /// <summary>
        /// Runs <paramref name="input"/> through one or more new sessions and yields their messages as they arrive, each
        /// session's end after its last message. Ends once every session has ended.
        /// </summary>
        /// <exception cref="AudioFormatException">The input cannot be read.</exception>
        /// <exception cref="GladiaApiException">A session could not be created.</exception>
        public async IAsyncEnumerable<LiveTranscriberEvent> TranscribeAsync(AudioInput input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (input is null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            // One queue of events per session, in the order the sessions took audio: a session's events are yielded only once
            // every event of the sessions before it has been, so transcripts come out in the input's time order even though
            // sessions overlap (the old one finishes while the new one already transcribes). One entry per session started.
            var sessions = Channel.CreateUnbounded<ChannelReader<LiveTranscriberEvent>>(new UnboundedChannelOptions { SingleReader = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var run = Task.Run(() => RunAsync(input, sessions.Writer, stop.Token), CancellationToken.None);
            try
            {
                while (await sessions.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    while (sessions.Reader.TryRead(out var events))
                    {
                        while (await events.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
                        {
                            while (events.TryRead(out var e))
                            {
                                yield return e;
                            }
                        }
                    }
                }
            }
            finally
            {
                if (!run.IsCompleted)
                {
                    // The caller stopped reading: stop the run, which stops and closes its sessions.
                    stop.Cancel();
                    await run.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                }
            }

            await run.ConfigureAwait(false);
        }

        /// <summary>
        /// Streams <paramref name="input"/> into an existing session in <paramref name="format"/> (the session's), paced
        /// and limited as the options say, without stopping it: more input may follow. Ends early when the session is
        /// stopped from elsewhere.
        /// </summary>
        /// <returns>Seconds of audio sent.</returns>
        public async Task<double> SendAsync(AudioInput input, GladiaLiveSession session, SessionAudioFormat format, CancellationToken cancellationToken = default)
        {
            if (input is null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            if (session is null)
            {
                throw new ArgumentNullException(nameof(session));
            }

            if (format is null)
            {
                throw new ArgumentNullException(nameof(format));
            }

            using var source = await input.OpenAsync(format, cancellationToken).ConfigureAwait(false);
            _options.InputOpened?.Invoke(source, format);
            var target = new LiveSessionTarget(session);
            return await AudioSender.SendAsync(
                source, format, Pacing(), (chunk, _, _) => target.TrySendAudioAsync(chunk, cancellationToken),
                Limits(() => session.IsStopRequested), _options.Progress, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The session format closest to an opened input: files as channels keep one channel each.</summary>
        public static SessionAudioFormat ClosestFormat(IAudioSource source)
        {
            if (source is null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            var chooser = new SessionFormatChooser();
            return source is MultiTrackSource tracks ? chooser.ChooseForTracks(tracks.TrackFormats) : chooser.Choose(source.Format, source.Name);
        }

        private async Task RunAsync(AudioInput input, ChannelWriter<ChannelReader<LiveTranscriberEvent>> sessions, CancellationToken cancellationToken)
        {
            IAudioSource? source = null;
            SessionSequence<LiveSessionTarget>? sequence = null;
            var readers = new List<Task>();
            try
            {
                // The input is opened, and its first audio read, before any session exists: an input that cannot be read
                // (a file ffmpeg cannot decode, an empty stream, a device that does not start) is one error and leaves
                // nothing on the server. A file's format picks the session's; a device captures in the format given
                // (its capture reads on meanwhile, so nothing it hears is lost while the session starts).
                var format = _options.Format ?? (input.IsLive ? SessionAudioFormat.Default : null);
                source = await input.OpenAsync(_options.InputFormat ?? format, cancellationToken).ConfigureAwait(false);
                format ??= (_options.ChooseFormat ?? ClosestFormat)(source);
                _options.InputOpened?.Invoke(source, format);
                source = await PrimeAsync(input, source, cancellationToken).ConfigureAwait(false);
                var init = _options.SessionOptions.WithFormat(format);
                sequence = new SessionSequence<LiveSessionTarget>(
                    async t => new LiveSessionTarget(await StartSessionAsync(init, t).ConfigureAwait(false)),
                    (target, offset) =>
                    {
                        var events = Channel.CreateBounded<LiveTranscriberEvent>(new BoundedChannelOptions(HeldEvents) { SingleReader = true, SingleWriter = true });
                        sessions.TryWrite(events.Reader);
                        readers.Add(PumpAsync(target.Live, offset, events.Writer, cancellationToken));
                    },
                    _options.SessionLimit,
                    _time);
                await sequence.StartAsync(cancellationToken).ConfigureAwait(false);

                // Ends early when the session is stopped from elsewhere.
                var current = sequence;
                await AudioSender.SendAsync(
                    source, format, Pacing(), (chunk, seconds, quiet) => current.SendAsync(chunk, seconds, quiet, cancellationToken),
                    Limits(() => current.Current.Live.IsStopRequested), _options.Progress, cancellationToken).ConfigureAwait(false);
                source.Dispose();
                await sequence.Current.Live.StopRecordingAsync(cancellationToken).ConfigureAwait(false);
                await Task.WhenAll(readers).ConfigureAwait(false);
            }
            catch
            {
                // Failed or cancelled: the input stops now; the sessions are stopped behind their audio so the server finishes them.
                source?.Dispose();
                if (sequence is not null)
                {
                    await StopQuietlyAsync(sequence).ConfigureAwait(false);
                }

                throw;
            }
            finally
            {
                source?.Dispose();
                await CloseAllAsync(sequence).ConfigureAwait(false);
                sessions.TryComplete();
            }
        }

        /// <summary>
        /// Reads the input's first audio (<see cref="PrimedAudioSource"/>); a device gets <see cref="FirstAudioTimeout"/>
        /// to deliver it, since one that never starts would otherwise keep the command waiting with nothing to show.
        /// </summary>
        private static async Task<IAudioSource> PrimeAsync(AudioInput input, IAudioSource source, CancellationToken cancellationToken)
        {
            if (!input.IsLive)
            {
                return await PrimedAudioSource.PrimeAsync(source, DecodedReadAhead, cancellationToken).ConfigureAwait(false);
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(FirstAudioTimeout);
            try
            {
                return await PrimedAudioSource.PrimeAsync(source, TimeSpan.Zero, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AudioCaptureException(null, string.Format(CultureInfo.InvariantCulture,
                    "{0} delivered no audio within {1} s of being opened.", input.Name, FirstAudioTimeout.TotalSeconds));
            }
            catch (AudioFormatException exception)
            {
                throw new AudioCaptureException(null, input.Name + ": " + exception.Detail, exception);
            }
        }

        private Task<GladiaLiveSession> StartSessionAsync(LiveSessionOptions init, CancellationToken cancellationToken) =>
            _options.StartSession is { } start
                ? start(init, cancellationToken)
                : GladiaLiveSession.StartAsync(
                    _client ?? throw new InvalidOperationException("This transcriber has no client to create sessions with; it can only send into existing ones."),
                    init, _options.Connection, cancellationToken: cancellationToken);

        private AudioSender.Pacing Pacing() => new AudioSender.Pacing(_options.Pacing, _options.ChunkDuration, _time);

        private AudioSender.Limits Limits(Func<bool> stopped) => new AudioSender.Limits(_options.MaxAudio?.TotalSeconds, stopped);

        /// <summary>
        /// Moves a session's messages, then its end, into its queue. When the queue is full (the caller is still taking an
        /// earlier session's events, or is slow), this waits, and the messages wait in the session itself, whose unread
        /// messages have their own bound (<see cref="LiveConnectionOptions.MaxUnreadPartials"/>,
        /// <see cref="LiveConnectionOptions.MaxUnreadMessageBytes"/>): past it, partials are dropped first, then other
        /// messages, final transcripts last, and the session says what it dropped. Nothing waits unbounded.
        /// </summary>
        private static async Task PumpAsync(GladiaLiveSession session, double offset, ChannelWriter<LiveTranscriberEvent> events, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var message in session.ReadMessagesAsync(cancellationToken).ConfigureAwait(false))
                {
                    await events.WriteAsync(new LiveTranscriberMessage(session, offset, message), cancellationToken).ConfigureAwait(false);
                }

                var outcome = await session.WaitForEndAsync(cancellationToken).ConfigureAwait(false);
                await events.WriteAsync(new LiveTranscriberSessionEnded(session, offset, outcome), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            finally
            {
                events.TryComplete();
            }
        }

        /// <summary>Stops what is still recording, behind its audio, and gives the server a moment to finish; never throws.</summary>
        private static async Task StopQuietlyAsync(SessionSequence<LiveSessionTarget> sequence)
        {
            using var grace = new CancellationTokenSource(EndGrace);
            try
            {
                foreach (var session in sequence.Sessions.Where(s => !s.Live.IsStopRequested))
                {
                    await session.Live.StopRecordingAsync(grace.Token).ConfigureAwait(false);
                }

                await Task.WhenAll(sequence.Sessions.Select(s => s.Live.WaitForEndAsync(grace.Token))).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
            {
                // Past the grace, disposing closes the socket with 1000, which ends the session on the server too.
            }
        }

        private async Task CloseAllAsync(SessionSequence<LiveSessionTarget>? sequence)
        {
            if (sequence is null)
            {
                return;
            }

            foreach (var session in sequence.Sessions)
            {
                await session.Live.DisposeAsync().ConfigureAwait(false);
            }

            if (sequence.Unused is { } unused)
            {
                LiveSessionTarget spare;
                try
                {
                    spare = await unused.ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // The spare session never took audio; failing to open it changes nothing for the input.
                    return;
                }

                await spare.Live.DisposeAsync().ConfigureAwait(false);
                await DeleteSpareAsync(spare.Live).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Deletes a session opened ahead that the input ended before needing: left alone it would stay on the server as a
        /// finished session with no audio, listed among the account's results. Deleting it once it turns out unused, rather
        /// than not opening it when the input's length says the rest fits, covers every input (a decoded file, a stream,
        /// a device stopped by hand: most have no length to go by) and keeps the switch free of a wait. Best effort and
        /// bounded by <see cref="EndGrace"/>: a failure is reported, never thrown, since the input's own sessions are done.
        /// </summary>
        private async Task DeleteSpareAsync(GladiaLiveSession spare)
        {
            if (_client is null || spare.Id is not { } id)
            {
                // Sessions made by a host's StartSession with no client to delete them with: the host owns them.
                return;
            }

            Exception? failure = null;
            try
            {
                using var grace = new CancellationTokenSource(EndGrace);
                await _client.DeleteLiveJobAsync(id, grace.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failure = exception;
            }

            _options.SpareSessionDeleted?.Invoke(spare, failure);
        }
    }
}
