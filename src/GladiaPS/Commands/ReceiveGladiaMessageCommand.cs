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
    [Cmdlet(VerbsCommunications.Receive, "GladiaMessage", HelpUri = HelpLinks.Help + "Receive-GladiaMessage.md")]
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
            foreach (var unknown in (_types ?? Enumerable.Empty<string>()).Where(t => !CompletionValues.MessageTypes.Any(k => string.Equals(k.Value, t, StringComparison.OrdinalIgnoreCase))))
            {
                // A type Gladia adds later still arrives (as an unknown message with its own type), so it is a warning, not a refusal.
                WriteWarning("-Type '" + unknown + "' is not a message type this version knows; only messages the server sends with exactly that type " +
                    "will be written. The known types: " + string.Join(", ", CompletionValues.MessageTypes.Select(k => k.Value)) + " (tab completion offers them).");
            }
        }

        protected override void ProcessRecord()
        {
            if (Session.MessagesReadByCreator)
            {
                WriteWarning("Session " + Session.Id + " was created by Send-GladiaAudio for '" + Session.Paths + "', which read its messages itself " +
                    "and wrote its transcripts as its output: there is nothing left to receive. Get-GladiaLiveResult -Id " + Session.Id +
                    " gets its whole result; to read messages as they arrive, create the session with New-GladiaLiveSession and send with -Session.");
                return;
            }

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

            WriteObject(message is TranscriptMessage transcript ? new GladiaTranscript(transcript, Session.Id, Session.Files.At(transcript.Channel, transcript.Start)) : message);
        }
    }
}
