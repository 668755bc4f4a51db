using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GladiaPS.Core.Models;
using GladiaPS.Infrastructure;
using GladiaPS.Subtitles;

namespace GladiaPS.Commands
{
    /// <summary>SRT or WebVTT text from results, transcripts or utterances, in time order.</summary>
    [Cmdlet(VerbsData.ConvertTo, "GladiaSubtitle")]
    [OutputType(typeof(string))]
    public sealed class ConvertToGladiaSubtitleCommand : PSCmdlet
    {
        private readonly List<SubtitleCue> _cues = new List<SubtitleCue>();

        /// <summary>Results (Get-GladiaLiveResult, Get-GladiaTranscription), transcripts (Send-GladiaAudio, Invoke-GladiaTranscription, Receive-GladiaMessage) or utterances.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public object[] InputObject { get; set; } = System.Array.Empty<object>();

        [Parameter]
        public SubtitleFormat Format { get; set; } = SubtitleFormat.Srt;

        /// <summary>Characters per line (default 42).</summary>
        [Parameter]
        [ValidateRange(10, 200)]
        public int MaxLineLength { get; set; } = 42;

        /// <summary>Lines per cue (default 2).</summary>
        [Parameter]
        [ValidateRange(1, 10)]
        public int MaxLines { get; set; } = 2;

        /// <summary>Label each cue with its speaker (when diarization ran) or its channel; by default only when there is more than one.</summary>
        [Parameter]
        public SwitchParameter SpeakerLabel { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var item in InputObject)
            {
                var value = item is PSObject wrapped ? wrapped.BaseObject : item;
                switch (value)
                {
                    case GladiaLiveResult result:
                        foreach (var utterance in result.Utterances)
                        {
                            Add(FromUtterance(utterance), value);
                        }

                        break;
                    case GladiaTranscription transcription:
                        foreach (var utterance in transcription.Utterances)
                        {
                            Add(FromUtterance(utterance), value);
                        }

                        break;
                    case GladiaTranscript transcript when transcript.IsFinal:
                        Add(new SubtitleCue(transcript.Start, transcript.End, transcript.Text, transcript.Channel, transcript.Words, transcript.Speaker), value);
                        break;
                    case GladiaTranscript:
                        break; // A partial is superseded by its final.
                    case Utterance utterance:
                        Add(FromUtterance(utterance), value);
                        break;
                    default:
                        WriteError(GladiaErrors.Create(
                            "A " + (value?.GetType().Name ?? "null") + " has no utterances; pipe results (Get-GladiaLiveResult), transcripts or utterances.",
                            "NotATranscript", ErrorCategory.InvalidType, value));
                        break;
                }
            }
        }

        protected override void EndProcessing()
        {
            var writer = new SubtitleWriter
            {
                MaxLineLength = MaxLineLength,
                MaxLines = MaxLines,
                SpeakerLabels = MyInvocation.BoundParameters.ContainsKey(nameof(SpeakerLabel)) ? SpeakerLabel.IsPresent : null,
            };
            WriteObject(writer.Write(_cues, Format));
        }

        /// <summary>Keeps a cue whose times can be written; one that cannot is a non-terminating error, and the others go on.</summary>
        private void Add(SubtitleCue cue, object source)
        {
            if (!SubtitleCue.IsWritableTime(cue.Start) || !SubtitleCue.IsWritableTime(cue.End) ||
                cue.Words.Any(w => !SubtitleCue.IsWritableTime(w.Start) || !SubtitleCue.IsWritableTime(w.End)))
            {
                WriteError(GladiaErrors.Create(
                    "The utterance '" + Core.Security.SecretRedactor.Printable(cue.Text, 60) + "' has a time that is not a finite number of seconds in range (start " +
                    cue.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", end " + cue.End.ToString(System.Globalization.CultureInfo.InvariantCulture) + "); it was left out.",
                    "InvalidTime", ErrorCategory.InvalidData, source));
                return;
            }

            _cues.Add(cue);
        }

        private static SubtitleCue FromUtterance(Utterance u) => new SubtitleCue(u.Start, u.End, u.Text, u.Channel, u.Words, u.Speaker);
    }
}
