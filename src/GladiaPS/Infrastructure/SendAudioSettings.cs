using System;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Inputs;
using GladiaPS.Core.Audio.Streaming;
using GladiaPS.Core.Live;
using GladiaPS.Core.Options;
using GladiaPS.Core.Transcribing;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// What one Send-GladiaAudio invocation asked for, fixed once its parameters are bound: the runs read this, never the
    /// cmdlet, so they can work off the pipeline thread.
    /// </summary>
    internal sealed class SendAudioSettings
    {
        /// <summary>A file can wait for acknowledgments, so it needs little held in memory: 2 MiB (twice the send window) keeps many files at once small.</summary>
        private const long FileBacklogBytes = 2L * 1024 * 1024;

        /// <summary>Speech wants one channel at 16 kHz whatever a device's own layout; the format parameters say otherwise.</summary>
        private static readonly SessionAudioFormat DeviceFormat = new SessionAudioFormat(AudioEncoding.Pcm, 16, 16000, 1);

        public SendAudioSettings(
            LiveSessionOptions sessionOptions, SessionFormatParameters format, bool forwardAcknowledgments, PacingMode pacing,
            TimeSpan sessionLimit, TimeSpan? duration, bool passThru, bool wantsPartials, Guid runspaceId)
        {
            SessionOptions = sessionOptions;
            Format = format;
            ForwardAcknowledgments = forwardAcknowledgments;
            Pacing = pacing;
            SessionLimit = sessionLimit;
            Duration = duration;
            PassThru = passThru;
            WantsPartials = wantsPartials;
            RunspaceId = runspaceId;
        }

        /// <summary>The init request, checked, without a format: each input's session format is set on a copy.</summary>
        public LiveSessionOptions SessionOptions { get; }

        public SessionFormatParameters Format { get; }

        public bool ForwardAcknowledgments { get; }

        public PacingMode Pacing { get; }

        public TimeSpan SessionLimit { get; }

        /// <summary>How long to capture a device; the whole input when null.</summary>
        public TimeSpan? Duration { get; }

        public bool PassThru { get; }

        /// <summary>Show the utterance in progress (partial transcripts) as a status line.</summary>
        public bool WantsPartials { get; }

        public Guid RunspaceId { get; }

        /// <summary>How the sessions of <paramref name="input"/> use their sockets.</summary>
        public LiveConnectionOptions ConnectionFor(AudioInput input)
        {
            var connection = new LiveConnectionOptions { ForwardAcknowledgments = ForwardAcknowledgments };
            if (!input.IsLive)
            {
                // A live device keeps the default backlog, to ride out an outage without loss.
                connection.MaxBacklogBytes = FileBacklogBytes;
            }

            return connection;
        }

        /// <summary>
        /// How <paramref name="input"/> becomes sessions of its own: a file (or a WAV stream) gets the format closest to it,
        /// raw samples and a device the format the parameters say (for a device, 16 kHz mono unless they say otherwise).
        /// </summary>
        public LiveTranscriberOptions TranscriberOptionsFor(AudioInput input)
        {
            var options = new LiveTranscriberOptions
            {
                SessionOptions = SessionOptions,
                Connection = ConnectionFor(input),
                Pacing = Pacing,
                SessionLimit = SessionLimit,
                MaxAudio = input.IsLive ? Duration : null,
            };
            switch (input.Kind)
            {
                case AudioInputKind.Device:
                    options.Format = Format.Resolve(DeviceFormat);
                    break;
                case AudioInputKind.Bytes:
                case AudioInputKind.Stream:
                    // Raw samples are in the format the parameters say; a WAV header or another container speaks for itself.
                    options.InputFormat = Format.Resolve(null);
                    options.ChooseFormat = source => Format.Resolve(LiveTranscriber.ClosestFormat(source));
                    break;
                default:
                    options.ChooseFormat = source => Format.Resolve(LiveTranscriber.ClosestFormat(source));
                    break;
            }

            return options;
        }

        /// <summary>How <paramref name="input"/> is sent into an existing session: paced as asked, a device for its duration.</summary>
        public LiveTranscriberOptions SendOptionsFor(AudioInput input) => new LiveTranscriberOptions
        {
            Pacing = Pacing,
            MaxAudio = input.IsLive ? Duration : null,
        };
    }
}
