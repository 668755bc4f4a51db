using System;
using System.IO;
using System.Management.Automation;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>GET /v2/pre-recorded/{id}/file: the audio a job transcribed, streamed to disk.</summary>
    [Cmdlet(VerbsData.Save, "GladiaTranscriptionAudio", SupportsShouldProcess = true, DefaultParameterSetName = IdSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveGladiaTranscriptionAudioCommand : JobIdCmdletBase
    {
        private GladiaRestClient? _client;
        private string? _singleFileJob;

        /// <summary>A file, or a folder to write &lt;id&gt;.audio into; the current folder when omitted.</summary>
        [Parameter(Position = 1)]
        public string? Path { get; set; }

        /// <summary>Overwrite a file that exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing() => _client = CreateClient();

        protected override void ProcessRecord()
        {
            foreach (var id in NewIds())
            {
                var destination = Destination(id);
                if (!destination.EndsWith(id + ".audio", StringComparison.Ordinal))
                {
                    if (_singleFileJob is not null && _singleFileJob != id)
                    {
                        WriteError(GladiaErrors.Create(
                            "-Path '" + Path + "' names one file, which already holds job " + _singleFileJob + "; to save several jobs, give a folder.",
                            "SeveralJobsOneFile", ErrorCategory.InvalidArgument, id));
                        continue;
                    }

                    _singleFileJob = id;
                }

                if (File.Exists(destination) && !Force)
                {
                    WriteError(GladiaErrors.Create("'" + destination + "' exists; pass -Force to overwrite it.", "FileExists", ErrorCategory.ResourceExists, destination));
                    continue;
                }

                if (!ShouldProcess(destination, "Save the audio of job " + id))
                {
                    continue;
                }

                try
                {
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
                    var bytes = Run(token => _client!.DownloadPreRecordedAudioToFileAsync(id, destination, Force, token));
                    WriteVerbose("Job " + id + ": " + bytes + " bytes written to " + destination);
                    WriteObject(new FileInfo(destination));
                }
                catch (Exception exception) when (exception is not PipelineStoppedException)
                {
                    WriteError(GladiaErrors.From(exception, id, "Job " + id));
                }
            }
        }

        internal override void OnDispose() => _client?.Dispose();

        // The id passed GladiaId's check (letters, digits, '-', '_'), so "<id>.audio" is a plain file name in the folder.
        private string Destination(string id)
        {
            var fileName = id + ".audio";
            if (string.IsNullOrEmpty(Path))
            {
                return System.IO.Path.Combine(SessionState.Path.CurrentFileSystemLocation.ProviderPath, fileName);
            }

            var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var endsWithSeparator = Path!.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal);
            return Directory.Exists(resolved) || endsWithSeparator ? System.IO.Path.Combine(resolved, fileName) : resolved;
        }
    }
}
