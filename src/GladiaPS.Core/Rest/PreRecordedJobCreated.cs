using System;

namespace GladiaPS.Core.Rest
{
    /// <summary>The answer of <c>POST /v2/pre-recorded</c>: the new job's id and the URL of its result.</summary>
    public sealed class PreRecordedJobCreated
    {
        internal PreRecordedJobCreated(string id, Uri? resultUrl)
        {
            Id = id;
            ResultUrl = resultUrl;
        }

        public string Id { get; }

        public Uri? ResultUrl { get; }

        public override string ToString() => Id;
    }
}
