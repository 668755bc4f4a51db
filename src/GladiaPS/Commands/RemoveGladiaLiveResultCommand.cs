using System;
using System.Management.Automation;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>DELETE /v2/live/{id}: removes a past session, its transcript and its audio from Gladia.</summary>
    [Cmdlet(VerbsCommon.Remove, "GladiaLiveResult", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IdSet, HelpUri = HelpLinks.Help + "Remove-GladiaLiveResult.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveGladiaLiveResultCommand : SessionIdCmdletBase
    {
        private GladiaRestClient? _client;

        protected override void BeginProcessing() => _client = CreateClient();

        protected override void ProcessRecord()
        {
            foreach (var id in NewIds())
            {
                if (!ShouldProcess("live session " + id, "Delete its transcript and audio"))
                {
                    continue;
                }

                try
                {
                    Run(token => _client!.DeleteLiveJobAsync(id, token));
                    WriteVerbose("Session " + id + " deleted.");
                }
                catch (Exception exception) when (exception is not PipelineStoppedException)
                {
                    WriteIdError(exception, id, "Session " + id);
                }
            }
        }

        internal override void OnDispose() => _client?.Dispose();
    }
}
