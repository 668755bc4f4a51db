using System;
using System.Management.Automation;
using System.Threading;
using GladiaPS.Core.Live;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>Ends a session's recording: stop_recording is sent after every byte already queued. -Wait waits for the results and the close.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "GladiaRecording", HelpUri = HelpLinks.Help + "Stop-GladiaRecording.md")]
    [OutputType(typeof(GladiaSession))]
    public sealed class StopGladiaRecordingCommand : GladiaCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public GladiaSession Session { get; set; } = null!;

        /// <summary>Wait until the server has post-processed and closed the session.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Seconds to wait at most with -Wait.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public double? Timeout { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            using var scope = Session.Events.Listen(this);
            if (Session.Live.Status != LiveSessionStatus.Ended)
            {
                Run(token => Session.Live.StopRecordingAsync(token));
                WriteVerbose("Session " + Session.Id + ": stop queued behind " + Session.BytesSent + " bytes of audio.");
            }

            if (Wait)
            {
                LiveSessionOutcome? outcome = null;
                RunWithin(Timeout, async token => outcome = await Session.Live.WaitForEndAsync(token).ConfigureAwait(false));

                if (outcome is null)
                {
                    WriteError(GladiaErrors.Create(
                        "Session " + Session.Id + " did not end within " + Timeout + " s; it is still " + Session.Status + ".",
                        "WaitTimeout", ErrorCategory.OperationTimeout, Session.Id));
                }
                else if (!outcome.Succeeded)
                {
                    WriteError(GladiaErrors.Create("Session " + Session.Id + " ended without its results: " + outcome.ToString().TrimEnd('.') + ".",
                        "SessionFailed", ErrorCategory.ConnectionError, Session.Id));
                }
            }

            if (PassThru)
            {
                WriteObject(Session);
            }
        }
    }
}
