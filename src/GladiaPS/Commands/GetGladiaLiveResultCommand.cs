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
    [Cmdlet(VerbsCommon.Get, "GladiaLiveResult", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(GladiaLiveResult))]
    public sealed class GetGladiaLiveResultCommand : SessionIdCmdletBase
    {
        private const string ListSet = "List";
        private GladiaRestClient? _client;

        /// <summary>Poll until the job is done (or failed).</summary>
        [Parameter(ParameterSetName = IdSet)]
        [Parameter(ParameterSetName = SessionSet)]
        public SwitchParameter Wait { get; set; }

        /// <summary>Seconds to wait at most with -Wait.</summary>
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

        protected override void BeginProcessing() => _client = CreateClient();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                return;
            }

            if (PagingParameters.First != ulong.MaxValue || PagingParameters.Skip != 0 || PagingParameters.IncludeTotalCount)
            {
                ThrowTerminatingError(GladiaErrors.Create(
                    "-First, -Skip and -IncludeTotalCount page the list of past sessions; they do not apply to sessions asked for by id.",
                    "PagingWithId", ErrorCategory.InvalidArgument, null));
            }

            foreach (var id in NewIds())
            {
                try
                {
                    // Without -Wait the current state, at once, even of a session still streaming here.
                    var job = Run(token => Wait ? WaitForJobAsync(id, token) : _client!.GetLiveJobAsync(id, token));
                    WriteObject(new GladiaLiveResult(job));
                }
                catch (Exception exception) when (exception is not PipelineStoppedException)
                {
                    WriteError(GladiaErrors.From(exception, id, "Session " + id));
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
            var filter = new LiveJobFilter
            {
                Offset = PagingParameters.Skip > 0 ? (int)Math.Min(PagingParameters.Skip, int.MaxValue) : null,
                Limit = PagingParameters.First is > 0 and < 100 ? (int)PagingParameters.First : null,
                Date = Date?.Date,
                AfterDate = After is { } after ? new DateTimeOffset(after) : null,
                BeforeDate = Before is { } before ? new DateTimeOffset(before) : null,
            };
            foreach (var status in Status ?? Array.Empty<string>())
            {
                filter.Statuses.Add(status.ToLowerInvariant());
            }

            if (CustomMetadata is not null)
            {
                foreach (DictionaryEntry entry in CustomMetadata)
                {
                    filter.CustomMetadata[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] =
                        PlainValues.Unwrap(entry.Value);
                }
            }

            var first = PagingParameters.First;
            try
            {
                ulong seen = 0;
                var complete = true;
                Run(async token =>
                {
                    await foreach (var job in _client!.ListLiveJobsAsync(filter, token).ConfigureAwait(false))
                    {
                        if (seen >= first)
                        {
                            complete = false;
                            break;
                        }

                        seen++;
                        PostObject(new GladiaLiveResult(job));
                    }
                });

                if (PagingParameters.IncludeTotalCount)
                {
                    // The list gives no total: it is known only when the listing ran to its end.
                    WriteObject(PagingParameters.NewTotalCount(PagingParameters.Skip + seen, complete ? 1.0 : 0.0));
                }
            }
            catch (GladiaValidationException exception)
            {
                ThrowTerminatingError(new ErrorRecord(exception, "InvalidFilter", ErrorCategory.InvalidArgument, exception.Field));
            }
            catch (Exception exception) when (exception is not PipelineStoppedException)
            {
                ThrowTerminatingError(GladiaErrors.From(exception, null, "Listing sessions"));
            }
        }

        /// <summary>Waits for a session still streaming here to end, then for its job to finish: all of it within -Timeout.</summary>
        private Task<LiveJob> WaitForJobAsync(string id, CancellationToken token)
        {
            var state = "streaming here";
            return WithinAsync(
                Timeout,
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
                () => "Session " + id + " was still " + state + " after " + Timeout?.ToString(CultureInfo.InvariantCulture) + " s.",
                token);
        }
    }
}
