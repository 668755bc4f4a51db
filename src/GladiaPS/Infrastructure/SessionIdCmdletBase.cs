using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core;
using GladiaPS.Core.Live;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// A cmdlet that acts on past sessions by id: -Id (bound by property name from sessions, transcripts and
    /// results, whose Id or SessionId it takes) or -Session. Each id is acted on once per invocation, however
    /// many transcripts of the same session come down the pipeline.
    /// </summary>
    public abstract class SessionIdCmdletBase : GladiaApiCmdletBase
    {
        protected const string IdSet = "Id";
        protected const string SessionSet = "Session";
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// Session ids (-Id or -SessionId); sessions and results bind here by their Id, transcripts by their
        /// SessionId (named so, because a transcript's own Id is its utterance's and binding tries the name first).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] SessionId { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = SessionSet, ValueFromPipeline = true)]
        public GladiaSession Session { get; set; } = null!;

        /// <summary>The file a session of this id was made for, when this process sent it and still holds the session.</summary>
        internal static IReadOnlyList<string>? PathsSentHere(string id) => SessionRegistry.Snapshot().FirstOrDefault(s => s.Id == id)?.Files.All;

        /// <summary>The session of this id that this process still has open, if any.</summary>
        internal static GladiaSession? OpenHere(string id) =>
            SessionRegistry.Snapshot().FirstOrDefault(s => s.Id == id && s.Live.Status != LiveSessionStatus.Ended);

        /// <summary>
        /// Waits for a session this process is still streaming to end before its result or audio is read: a transcript
        /// piped from Send-GladiaAudio arrives while its session runs, and reading then would give a half-done job.
        /// A session nothing here will end (one opened by New-GladiaLiveSession and not stopped) would be waited for
        /// for good, so the caller bounds this wait by its -Timeout.
        /// </summary>
        internal async Task WaitIfStreamingHereAsync(string id, CancellationToken cancellationToken)
        {
            var local = OpenHere(id);
            if (local is null)
            {
                return;
            }

            PostVerbose("Session " + id + " is still " + local.Status + " here; waiting for it to end.");
            await local.Live.WaitForEndAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Runs <paramref name="work"/> within <paramref name="timeoutSeconds"/> (no limit when null): when the time runs
        /// out first, a <see cref="TimeoutException"/> with <paramref name="describeTimeout"/>'s text. Ctrl+C still cancels.
        /// </summary>
        internal static async Task<T> WithinAsync<T>(
            double? timeoutSeconds, Func<CancellationToken, Task<T>> work, Func<string> describeTimeout, CancellationToken cancellationToken)
        {
            using var limit = new CancellationTokenSource();
            if (timeoutSeconds is { } seconds)
            {
                limit.CancelAfter(TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue / 1000.0)));
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
            try
            {
                return await work(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(describeTimeout());
            }
        }

        /// <summary>The ids of this record not seen before in this invocation.</summary>
        internal IEnumerable<string> NewIds()
        {
            if (ParameterSetName == SessionSet)
            {
                if (Session.Id is null)
                {
                    WriteError(GladiaErrors.Create("The session has no id: it was never created.", "SessionNotStarted", ErrorCategory.InvalidArgument, Session));
                    yield break;
                }

                if (_seen.Add(Session.Id))
                {
                    yield return Session.Id;
                }

                yield break;
            }

            foreach (var id in SessionId)
            {
                var trimmed = id.Trim();
                if (trimmed.Length > 0 && GladiaId.Describe(trimmed) is { } problem)
                {
                    // Checked before any request: "..", "." or "a/b" would name another URL, and a file name elsewhere.
                    WriteError(GladiaErrors.Create("-SessionId: " + problem + ".", "InvalidId", ErrorCategory.InvalidArgument, id));
                    continue;
                }

                if (trimmed.Length > 0 && _seen.Add(trimmed))
                {
                    yield return trimmed;
                }
            }
        }
    }
}
