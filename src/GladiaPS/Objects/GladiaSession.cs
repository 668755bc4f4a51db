using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Live;
using GladiaPS.Core.Models;

namespace GladiaPS
{
    /// <summary>
    /// A live session as PowerShell sees it: what it is (id, format) and how it is going (status, bytes sent and
    /// acknowledged, reconnects), read fresh on every access. The WebSocket URL is shown with its token hidden.
    /// </summary>
    public sealed class GladiaSession
    {
        internal GladiaSession(GladiaLiveSession live, Infrastructure.SessionEventRelay events, SessionAudioFormat format, IReadOnlyList<string>? paths, Guid runspaceId)
        {
            Live = live;
            Events = events;
            Format = format;
            Files = new Infrastructure.SessionFiles(paths);
            RunspaceId = runspaceId;
            CreatedAt = DateTimeOffset.Now;
        }

        internal GladiaLiveSession Live { get; }

        internal Infrastructure.SessionEventRelay Events { get; }

        internal SessionAudioFormat Format { get; }

        internal Guid RunspaceId { get; }

        /// <summary>
        /// Set when Send-GladiaAudio created the session for a file and read its messages itself (its transcripts were that
        /// command's output): nothing is left for Receive-GladiaMessage, which says so.
        /// </summary>
        internal bool MessagesReadByCreator { get; set; }

        /// <summary>The session id (the job id of GET /v2/live/{id}).</summary>
        public string? Id => Live.Id;

        /// <summary>
        /// Starting, Connecting, Connected, Reconnecting, Ending or Ended (a <see cref="LiveSessionStatus"/> name): a string, so
        /// ConvertTo-Json and Export-Csv write the name and comparing it with a name or the enum still works.
        /// </summary>
        public string Status => Live.Status.ToString();

        /// <summary>The audio format the session takes, as sent in the init request.</summary>
        public string Encoding => Format.WireEncoding;

        public int BitDepth => Format.BitDepth;

        public int SampleRate => Format.SampleRate;

        public int Channels => Format.Channels;

        /// <summary>The files whose audio went into the session, and when; for each transcript's file.</summary>
        internal Infrastructure.SessionFiles Files { get; }

        /// <summary>The file the session's audio came from (Send-GladiaAudio), when it is one file; null when none or several.</summary>
        public string? Path => Paths.Count == 1 ? Paths[0] : null;

        /// <summary>Every file whose audio went into the session, in the order sent (the channels' files for -AsChannels).</summary>
        public IReadOnlyList<string> Paths => JoinedList.Of(Files.All, JoinedList.ValueSeparator);

        public DateTimeOffset CreatedAt { get; }

        public long BytesSent => Live.GetStatistics().BytesQueued;

        public long BytesAcknowledged => Live.GetStatistics().BytesAcknowledged;

        /// <summary>Seconds of audio sent.</summary>
        public double AudioSeconds => Format.ByteRate == 0 ? 0 : (double)BytesSent / Format.ByteRate;

        public int Reconnects => Live.GetStatistics().Reconnects;

        /// <summary>The WebSocket URL with its token hidden.</summary>
        public string? Url => Live.RedactedUrl;

        /// <summary>How the session ended, once it has (its string form: "Completed (1000)", or the reason and what went wrong).</summary>
        public GladiaSessionOutcome? Outcome => Live.Completion.Status == System.Threading.Tasks.TaskStatus.RanToCompletion ? new GladiaSessionOutcome(Live.Completion.Result) : null;

        public LiveSessionStatistics Statistics => Live.GetStatistics();

        public override string ToString() => "GladiaSession " + (Id ?? "(starting)") + " " + Status;
    }
}
