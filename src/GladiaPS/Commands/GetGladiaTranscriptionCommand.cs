using System;
using System.Collections;
using System.Management.Automation;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>GET /v2/pre-recorded/{id}: a job's status and result; without an id, the jobs that match the filters.</summary>
    [Cmdlet(VerbsCommon.Get, "GladiaTranscription", DefaultParameterSetName = ListSet, HelpUri = HelpLinks.Help + "Get-GladiaTranscription.md")]
    [OutputType(typeof(GladiaTranscription))]
    public sealed class GetGladiaTranscriptionCommand : JobIdCmdletBase
    {
        private const string ListSet = "List";
        private GladiaRestClient? _client;

        /// <summary>Poll until the job is done (or failed).</summary>
        [Parameter(ParameterSetName = IdSet)]
        public SwitchParameter Wait { get; set; }

        /// <summary>Seconds to wait at most with -Wait (default 7200, as Invoke-GladiaTranscription).</summary>
        [Parameter(ParameterSetName = IdSet)]
        [ValidateRange(1, int.MaxValue)]
        public double? Timeout { get; set; }

        /// <summary>Only jobs in these states: queued, processing, done, error.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("queued", "processing", "done", "error", IgnoreCase = true)]
        public string[]? Status { get; set; }

        /// <summary>Only jobs created after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? After { get; set; }

        /// <summary>Only jobs created before this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? Before { get; set; }

        /// <summary>Only jobs created on this day.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? Date { get; set; }

        /// <summary>Only jobs whose custom metadata has these values.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [PlainValues]
        public IDictionary? CustomMetadata { get; set; }

        /// <summary>Only the first this many jobs of the list.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong First { get; set; } = ulong.MaxValue;

        /// <summary>Leave out this many jobs at the start of the list.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong Skip { get; set; }

        /// <summary>After the jobs, the number of jobs the list holds (read to its end to count them).</summary>
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
                    var wait = new PreRecordedWaitOptions { Timeout = TimeSpan.FromSeconds(Math.Min(WaitBounds.For(Timeout, sessionOpenHere: false), int.MaxValue / 1000.0)) };
                    var job = Run(token => Wait
                        ? _client!.WaitForPreRecordedJobAsync(id, wait, j => PostVerbose("Job " + id + " is " + j.Status + "."), token)
                        : _client!.GetPreRecordedJobAsync(id, token));
                    WriteObject(new GladiaTranscription(job, JobPaths.Find(id)));
                }
                catch (Exception exception) when (exception is not PipelineStoppedException)
                {
                    WriteIdError(exception, id, "Job " + id);
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
            WriteListing(Paging, token => _client!.ListPreRecordedJobsAsync(filter, token), job => new GladiaTranscription(job, JobPaths.Find(job.Id)), "Listing jobs");
        }
    }
}
