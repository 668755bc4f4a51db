using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using GladiaPS.Core;
using GladiaPS.Core.Models;
using GladiaPS.Infrastructure;
using GladiaPS.Subtitles;

namespace GladiaPS.Commands
{
    /// <summary>
    /// SRT or WebVTT documents from results, transcripts or utterances: one document per session or job, in time
    /// order; with -OutputFolder a file per document, with -Path one file.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "GladiaSubtitle", SupportsShouldProcess = true, DefaultParameterSetName = DocumentSet, HelpUri = HelpLinks.Help + "ConvertTo-GladiaSubtitle.md")]
    [OutputType(typeof(GladiaSubtitle), ParameterSetName = new[] { DocumentSet })]
    [OutputType(typeof(FileInfo), ParameterSetName = new[] { FolderSet, FileSet })]
    public sealed class ConvertToGladiaSubtitleCommand : PSCmdlet
    {
        private const string DocumentSet = "Document";
        private const string FolderSet = "OutputFolder";
        private const string FileSet = "Path";
        private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);
        private readonly SubtitleDocuments _documents = new SubtitleDocuments();

        /// <summary>Results (Get-GladiaLiveResult, Get-GladiaTranscription), transcripts (Send-GladiaAudio, Invoke-GladiaTranscription, Receive-GladiaMessage) or utterances.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>Srt (the default) or WebVtt; the extensions srt and vtt work too.</summary>
        [Parameter]
        [SubtitleFormatTransformation]
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

        /// <summary>A folder to write one file per document into, named &lt;id&gt;.srt or &lt;id&gt;.vtt; made when missing.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FolderSet)]
        [ValidateNotNullOrEmpty]
        public string OutputFolder { get; set; } = string.Empty;

        /// <summary>The one file to write; an error when the input holds more than one session or job.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrite files that exist.</summary>
        [Parameter(ParameterSetName = FolderSet)]
        [Parameter(ParameterSetName = FileSet)]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var item in InputObject)
            {
                var value = item is PSObject wrapped ? wrapped.BaseObject : item;
                switch (value)
                {
                    case GladiaLiveResult result:
                        _documents.AddSource(result.Id, result.Path);
                        foreach (var utterance in result.Utterances)
                        {
                            Add(result.Id, result.Path, FromUtterance(utterance), value);
                        }

                        break;
                    case GladiaTranscription transcription:
                        _documents.AddSource(transcription.Id, transcription.Path);
                        foreach (var utterance in transcription.Utterances)
                        {
                            Add(transcription.Id, transcription.Path, FromUtterance(utterance), value);
                        }

                        break;
                    case GladiaTranscript transcript when transcript.IsFinal:
                        Add(transcript.SessionId ?? transcript.JobId, transcript.Path, new SubtitleCue(transcript.Start, transcript.End, transcript.Text, transcript.Channel, transcript.Words, transcript.Speaker), value);
                        break;
                    case GladiaTranscript:
                        break; // A partial is superseded by its final.
                    case Utterance utterance:
                        Add(null, null, FromUtterance(utterance), value);
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
            var documents = _documents.Write(writer, Format);
            switch (ParameterSetName)
            {
                case FolderSet:
                    WriteToFolder(documents);
                    break;
                case FileSet:
                    WriteToFile(documents.ToList());
                    break;
                default:
                    foreach (var document in documents)
                    {
                        WriteObject(document);
                    }

                    break;
            }
        }

        private void WriteToFolder(System.Collections.Generic.IEnumerable<GladiaSubtitle> documents)
        {
            string folder;
            try
            {
                folder = OutputFiles.FileSystemPath(this, OutputFolder);
            }
            catch (Exception exception) when (exception is ArgumentException or NotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                WriteError(GladiaErrors.From(exception, OutputFolder, "-OutputFolder"));
                return;
            }

            foreach (var document in documents)
            {
                // The id is the server's text: it names a file only once it is shaped like an id.
                var problem = GladiaId.Describe(document.Id);
                if (problem is not null)
                {
                    WriteError(GladiaErrors.Create(
                        document.Id is null
                            ? "Subtitles of utterances that name no session or job have no id to name their file in -OutputFolder; write them with -Path."
                            : "Subtitles not written: the session or job id " + problem + ", so it cannot name a file.",
                        "NoFileName", ErrorCategory.InvalidData, document));
                    continue;
                }

                try
                {
                    Write(document, OutputFiles.InFolder(folder, document.Id + document.Extension));
                }
                catch (ArgumentException exception)
                {
                    WriteError(GladiaErrors.From(exception, document));
                }
            }
        }

        private void WriteToFile(System.Collections.Generic.IReadOnlyList<GladiaSubtitle> documents)
        {
            if (documents.Count > 1)
            {
                // One file for several sessions would put several calls on one timeline, their cues interleaved.
                var ids = string.Join(", ", documents.Take(5).Select(d => d.Id ?? "(utterances without a session)")) + (documents.Count > 5 ? ", …" : string.Empty);
                WriteError(GladiaErrors.Create(
                    "-Path '" + Path + "' names one file, but the input holds " + documents.Count + " sessions or jobs (" + ids +
                    "), whose subtitles would be mixed on one timeline; nothing was written. Use -OutputFolder for a file per session, or pipe the documents to ForEach-Object { Set-Content ($_.Id + '" +
                    documents[0].Extension + "') $_.Text }.",
                    "SeveralDocumentsOneFile", ErrorCategory.InvalidArgument, Path));
                return;
            }

            string destination;
            try
            {
                destination = OutputFiles.FileSystemPath(this, Path);
            }
            catch (Exception exception) when (exception is ArgumentException or NotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                WriteError(GladiaErrors.From(exception, Path, "-Path"));
                return;
            }

            if (documents.Count == 0)
            {
                WriteWarning("No transcripts or results came in, so '" + Path + "' was not written.");
                return;
            }

            Write(documents[0], destination);
        }

        private void Write(GladiaSubtitle document, string destination)
        {
            if (Directory.Exists(destination))
            {
                WriteError(GladiaErrors.Create("'" + destination + "' is a folder; give a file name, or use -OutputFolder.", "PathIsFolder", ErrorCategory.InvalidArgument, destination));
                return;
            }

            if (File.Exists(destination) && !Force)
            {
                WriteError(GladiaErrors.Create("'" + destination + "' exists; pass -Force to overwrite it.", "FileExists", ErrorCategory.ResourceExists, destination));
                return;
            }

            if (!ShouldProcess(destination, "Write the subtitles of " + (document.Id ?? "the utterances")))
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
                using (var file = new FileStream(destination, Force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    var bytes = Utf8NoBom.GetBytes(document.Text);
                    file.Write(bytes, 0, bytes.Length);
                }

                WriteObject(OutputFiles.Item(this, destination));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                WriteError(GladiaErrors.From(exception, destination));
            }
        }

        /// <summary>Keeps a cue whose times can be written; one that cannot is a non-terminating error, and the others go on.</summary>
        private void Add(string? id, string? path, SubtitleCue cue, object source)
        {
            if (!SubtitleCue.IsWritableTime(cue.Start) || !SubtitleCue.IsWritableTime(cue.End) ||
                cue.Words.Any(w => !SubtitleCue.IsWritableTime(w.Start) || !SubtitleCue.IsWritableTime(w.End)))
            {
                _documents.AddSource(id, path);
                WriteError(GladiaErrors.Create(
                    "The utterance '" + Core.Security.SecretRedactor.Printable(cue.Text, 60) + "' has a time that is not a finite number of seconds in range (start " +
                    cue.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", end " + cue.End.ToString(System.Globalization.CultureInfo.InvariantCulture) + "); it was left out.",
                    "InvalidTime", ErrorCategory.InvalidData, source));
                return;
            }

            _documents.Add(id, path, cue);
        }

        private static SubtitleCue FromUtterance(Utterance u) => new SubtitleCue(u.Start, u.End, u.Text, u.Channel, u.Words, u.Speaker);
    }
}
