using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Models;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>GET /v2/live/{id}: a session's status and result; without an id, the past sessions that match the filters.</summary>
    [Cmdlet(VerbsCommon.Get, "GladiaLiveResult", DefaultParameterSetName = ListSet, HelpUri = HelpLinks.Help + "Get-GladiaLiveResult.md")]
    [OutputType(typeof(GladiaLiveResult))]
    public sealed class GetGladiaLiveResultCommand : SessionIdCmdletBase
    {
        private const string ListSet = "List";
        private GladiaRestClient? _client;

        /// <summary>Poll until the job is done (or failed).</summary>
        [Parameter(ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = SessionSet)]
        public SwitchParameter Wait { get; set; }

        /// <summary>Seconds to wait at most with -Wait (default 7200, plus 3 h 5 min for a session still open here).</summary>
        [Parameter(ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = SessionSet)]
        [ValidateRange(0, int.MaxValue)]
        public double? Timeout { get; set; }

        /// <summary>Only sessions in these states: queued, processing, done, error.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("queued", "processing", "done", "error", IgnoreCase = true)]
        public string[]? Status { get; set; }

        /// <summary>Only sessions created after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? After { get; set; }

        /// <summary>Only sessions created before this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? Before { get; set; }

        /// <summary>Only sessions created on this day.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? Date { get; set; }

        /// <summary>Only sessions whose custom metadata has these values.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [PlainValues]
        public IDictionary? CustomMetadata { get; set; }

        /// <summary>Only the first this many sessions of the list.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong First { get; set; } = ulong.MaxValue;

        /// <summary>Leave out this many sessions at the start of the list.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong Skip { get; set; }

        /// <summary>After the sessions, the number of sessions the list holds (read to its end to count them).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeTotalCount { get; set; }

        private ListPaging Paging => new ListPaging(First, Skip, IncludeTotalCount);

        protected override void BeginProcessing() => _client = CreateClient();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                return;
            }

            foreach (var id in NewIds())
            {
                try
                {
                    // Without -Wait the current state, at once, even of a session still streaming here.
                    var job = Run(token => Wait ? WaitForJobAsync(id, token) : _client!.GetLiveJobAsync(id, token));
                    WriteObject(new GladiaLiveResult(job, PathsSentHere(id)));
                }
                catch (Exception exception) when (exception is not PipelineStoppedException)
                {
                    WriteIdError(exception, id, "Session " + id);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == ListSet)
            {
                List();
            }
        }

        internal override void OnDispose() => _client?.Dispose();

        private void List()
        {
            var filter = JobListing.CreateFilter(Paging, Status, After, Before, Date, CustomMetadata);
            WriteListing(Paging, token => _client!.ListLiveJobsAsync(filter, token), job => new GladiaLiveResult(job, job.Id is null ? null : PathsSentHere(job.Id)), "Listing sessions");
        }

        /// <summary>Waits for a session still streaming here to end, then for its job to finish: all of it within -Timeout.</summary>
        private Task<LiveJob> WaitForJobAsync(string id, CancellationToken token)
        {
            var state = "streaming here";
            var seconds = WaitBounds.For(Timeout, OpenHere(id) is not null);
            return WithinAsync(
                seconds,
                async within =>
                {
                    await WaitIfStreamingHereAsync(id, within).ConfigureAwait(false);
                    var delay = TimeSpan.FromMilliseconds(250);
                    var job = await _client!.GetLiveJobAsync(id, within).ConfigureAwait(false);
                    while (!job.IsFinished)
                    {
                        state = job.Status;
                        PostVerbose("Session " + id + " is " + job.Status + "; asking again in " + delay.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s.");
                        await Task.Delay(delay, within).ConfigureAwait(false);
                        delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
                        job = await _client!.GetLiveJobAsync(id, within).ConfigureAwait(false);
                    }

                    return job;
                },
                () => "Session " + id + " was still " + state + " after " + seconds.ToString(CultureInfo.InvariantCulture) + " s" +
                    (Timeout is null ? " (the wait's bound without -Timeout)" : string.Empty) + ".",
                token);
        }
    }
}
