using System;
using System.Collections.Generic;
using System.Management.Automation;

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
                if (trimmed.Length > 0 && _seen.Add(trimmed))
                {
                    yield return trimmed;
                }
            }
        }
    }
}
