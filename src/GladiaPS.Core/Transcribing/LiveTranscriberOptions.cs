using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Streaming;
using GladiaPS.Core.Live;
using GladiaPS.Core.Options;

namespace GladiaPS.Core.Transcribing
{
    /// <summary>
    /// How a <see cref="LiveTranscriber"/> turns an input into sessions. Read once, when the transcriber is made: it keeps a
    /// copy (of the init request and connection settings too), so changing these options afterwards changes nothing for it.
    /// </summary>
    public sealed class LiveTranscriberOptions
    {
        /// <summary>The init request of every session; its format fields are set from the session format of each input.</summary>
        public LiveSessionOptions SessionOptions { get; set; } = new LiveSessionOptions();

        /// <summary>How each session uses its socket; the defaults when null.</summary>
        public LiveConnectionOptions? Connection { get; set; }

        /// <summary>As fast as acknowledgments allow (the default), or at real time.</summary>
        public PacingMode Pacing { get; set; } = PacingMode.AsFastAsPossible;

        /// <summary>Audio per chunk sent; <see cref="AudioChunker.DefaultChunkDuration"/> (100 ms) when null.</summary>
        public TimeSpan? ChunkDuration { get; set; }

        /// <summary>
        /// The longest one session may run, in audio and in time since it was opened; longer input goes on in a new session,
        /// opened ahead and switched at a pause, with transcript offsets running on. Null (the default): one session.
        /// </summary>
        public TimeSpan? SessionLimit { get; set; }

        /// <summary>Stop after this much audio (a capture's duration); the whole input when null.</summary>
        public TimeSpan? MaxAudio { get; set; }

        /// <summary>
        /// The session format. When null it is chosen from the opened input by <see cref="ChooseFormat"/>. A live input
        /// (a device) needs one, since it has no format of its own: <see cref="SessionAudioFormat.Default"/> when null.
        /// </summary>
        public SessionAudioFormat? Format { get; set; }

        /// <summary>
        /// The format given to the input when it opens (see <see cref="Audio.Inputs.AudioInput.OpenAsync"/>): the format
        /// raw samples are in. <see cref="Format"/> when null.
        /// </summary>
        public SessionAudioFormat? InputFormat { get; set; }

        /// <summary>
        /// Picks the session format for an opened input when <see cref="Format"/> is null; by default the one closest to
        /// the input's own (<see cref="SessionFormatChooser"/>; files as channels keep one channel each).
        /// </summary>
        public Func<IAudioSource, SessionAudioFormat>? ChooseFormat { get; set; }

        /// <summary>
        /// Creates each session from its init request; by default <see cref="GladiaLiveSession.StartAsync"/> with
        /// <see cref="Connection"/>. A host replaces it to register sessions or watch their status.
        /// </summary>
        public Func<LiveSessionOptions, CancellationToken, Task<GladiaLiveSession>>? StartSession { get; set; }

        /// <summary>Called once the input is open, with the session format its audio is sent in.</summary>
        public Action<IAudioSource, SessionAudioFormat>? InputOpened { get; set; }

        /// <summary>Called after each chunk with the seconds of audio sent so far.</summary>
        public Action<double>? Progress { get; set; }

        /// <summary>
        /// Called when a session opened ahead for roll-over was not needed (the input ended first) and was deleted on the
        /// server, with the exception when the deletion failed (the session then stays there, finished, with no audio).
        /// Only sessions the transcriber can delete (it has a client) are deleted.
        /// </summary>
        public Action<GladiaLiveSession, Exception?>? SpareSessionDeleted { get; set; }

        /// <summary>A copy a transcriber keeps: every setting as it is now, the init request and connection settings copied too.</summary>
        internal LiveTranscriberOptions Copy() => new LiveTranscriberOptions
        {
            SessionOptions = SessionOptions?.Clone() ?? new LiveSessionOptions(),
            Connection = Connection?.Clone(),
            Pacing = Pacing,
            ChunkDuration = ChunkDuration,
            SessionLimit = SessionLimit,
            MaxAudio = MaxAudio,
            Format = Format,
            InputFormat = InputFormat,
            ChooseFormat = ChooseFormat,
            StartSession = StartSession,
            InputOpened = InputOpened,
            Progress = Progress,
            SpareSessionDeleted = SpareSessionDeleted,
        };
    }
}
