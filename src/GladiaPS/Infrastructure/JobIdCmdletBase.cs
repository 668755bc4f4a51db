using System;
using System.Collections.Generic;
using System.Management.Automation;
using GladiaPS.Core;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// A cmdlet that acts on pre-recorded jobs by id: -JobId (or -Id), bound by property name from transcripts and
    /// results of Invoke-GladiaTranscription and Get-GladiaTranscription. Each id is acted on once per invocation, however
    /// many utterances of the same job come down the pipeline, and only once it passes the id check.
    /// </summary>
    public abstract class JobIdCmdletBase : GladiaApiCmdletBase
    {
        protected const string IdSet = "Id";
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Job ids; transcripts and results bind here by their JobId.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] JobId { get; set; } = Array.Empty<string>();

        /// <summary>The ids of this record not seen before in this invocation; a malformed one is a non-terminating error.</summary>
        internal IEnumerable<string> NewIds()
        {
            foreach (var id in JobId)
            {
                var trimmed = id.Trim();
                if (GladiaId.Describe(trimmed) is { } problem)
                {
                    WriteError(GladiaErrors.Create("-JobId: " + problem + ".", "InvalidId", ErrorCategory.InvalidArgument, id));
                    continue;
                }

                if (_seen.Add(trimmed))
                {
                    yield return trimmed;
                }
            }
        }
    }
}
