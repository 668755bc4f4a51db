using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Completion;
using GladiaPS.Core.Messages;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>
    /// A session's messages as typed objects: transcripts as <see cref="GladiaTranscript"/>, everything else as the
    /// core's message types. Each message is read once. Without -Wait, what has arrived; with -Wait, until the session ends.
    /// </summary>
    [Cmdlet(VerbsCommunications.Receive, "GladiaMessage")]
    [OutputType(typeof(GladiaTranscript))]
    [OutputType("GladiaPS.Core.Messages.LiveMessage")] // by name: the core loads only once the module has set up its dependencies
    public sealed class ReceiveGladiaMessageCommand : GladiaCmdletBase
    {
        private HashSet<string>? _types;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public GladiaSession Session { get; set; } = null!;

        /// <summary>Write messages as they arrive until the session ends (or -Timeout).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Seconds to wait at most with -Wait; the session keeps running when it passes.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public double? Timeout { get; set; }

        /// <summary>Only these message types (transcript, speech_start, post_final_transcript…).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(MessageTypeCompleter))]
        public string[]? Type { get; set; }

        /// <summary>Only final transcripts.</summary>
        [Parameter]
        public SwitchParameter FinalOnly { get; set; }

        protected override void BeginProcessing()
        {
            _types = Type is { Length: > 0 } ? new HashSet<string>(Type.Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase) : null;
        }

        protected override void ProcessRecord()
        {
            if (!Wait)
            {
                while (Session.Live.TryReadMessage(out var message))
                {
                    WriteIfWanted(message!);
                }

                return;
            }

            using var scope = Session.Events.Listen(this);
            var inTime = RunWithin(Timeout, async token =>
            {
                await foreach (var message in Session.Live.ReadMessagesAsync(token).ConfigureAwait(false))
                {
                    Messages.Post(c => ((ReceiveGladiaMessageCommand)c).WriteIfWanted(message));
                }
            });

            if (!inTime)
            {
                WriteError(GladiaErrors.Create(
                    "Session " + Session.Id + " did not end within " + Timeout + " s; it is still " + Session.Status + ". Messages after this were not read.",
                    "WaitTimeout", ErrorCategory.OperationTimeout, Session.Id));
            }
        }

        private void WriteIfWanted(LiveMessage message)
        {
            if (FinalOnly && message is not TranscriptMessage { IsFinal: true })
            {
                return;
            }

            if (_types is not null && !_types.Contains(message.Type))
            {
                return;
            }

            WriteObject(message is TranscriptMessage transcript ? new GladiaTranscript(transcript, Session.Id, Session.Path) : message);
        }
    }
}
