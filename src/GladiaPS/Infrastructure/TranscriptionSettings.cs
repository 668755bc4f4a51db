using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;

namespace GladiaPS.Infrastructure
{
    /// <summary>What every input of one Invoke-GladiaTranscription shares.</summary>
    internal sealed class TranscriptionSettings
    {
        public TranscriptionSettings(PreRecordedOptions options, PreRecordedWaitOptions wait, bool noWait, bool passThru)
        {
            Options = options;
            Wait = wait;
            NoWait = noWait;
            PassThru = passThru;
        }

        public PreRecordedOptions Options { get; }

        public PreRecordedWaitOptions Wait { get; }

        public bool NoWait { get; }

        public bool PassThru { get; }
    }
}
