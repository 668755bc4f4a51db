using System;
using System.Management.Automation;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>DELETE /v2/pre-recorded/{id}: removes a job, its transcript and its audio from Gladia.</summary>
    [Cmdlet(VerbsCommon.Remove, "GladiaTranscription", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IdSet, HelpUri = HelpLinks.Help + "Remove-GladiaTranscription.md")]
    [OutputType(typeof(void))]
    public sealed class RemoveGladiaTranscriptionCommand : JobIdCmdletBase
    {
        private GladiaRestClient? _client;

        protected override void BeginProcessing() => _client = CreateClient();

        protected override void ProcessRecord()
        {
            foreach (var id in NewIds())
            {
                if (!ShouldProcess("pre-recorded job " + id, "Delete its transcript and audio"))
                {
                    continue;
                }

                try
                {
                    Run(token => _client!.DeletePreRecordedJobAsync(id, token));
                    WriteVerbose("Job " + id + " deleted.");
                }
                catch (Exception exception) when (exception is not PipelineStoppedException)
                {
                    WriteIdError(exception, id, "Job " + id);
                }
            }
        }

        internal override void OnDispose() => _client?.Dispose();
    }
}
