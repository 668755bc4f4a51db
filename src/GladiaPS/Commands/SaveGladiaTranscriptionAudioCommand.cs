using System;
using System.IO;
using System.Management.Automation;
using GladiaPS.Core;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>GET /v2/pre-recorded/{id}/file: the audio a job transcribed, streamed to disk.</summary>
    [Cmdlet(VerbsData.Save, "GladiaTranscriptionAudio", SupportsShouldProcess = true, DefaultParameterSetName = IdSet, HelpUri = HelpLinks.Help + "Save-GladiaTranscriptionAudio.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveGladiaTranscriptionAudioCommand : JobIdCmdletBase
    {
        private GladiaRestClient? _client;
        private string? _singleFileJob;

        /// <summary>A file, or a folder to write &lt;id&gt;.&lt;extension of the job's file&gt; into; the current folder when omitted.</summary>
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
                string destination;
                bool namesOneFile;
                long? bound;
                try
                {
                    // The job says how large its file can be (the download stops past it) and what it is called.
                    var job = Run(token => _client!.GetPreRecordedJobAsync(id, token));
                    bound = PreRecordedAudioBound.For(job);
                    // The file is named <id> plus the extension of the job's own file, from a fixed set (else .audio):
                    // what the server calls the file is its text and never becomes more of a path than that.
                    var extension = string.IsNullOrEmpty(Path) || OutputFiles.NamesFolder(this, Path!)
                        ? AudioFileExtension.FromServerFileName(job.File?.Filename)
                        : AudioFileExtension.Unknown;
                    destination = OutputFiles.Destination(this, Path, id + extension, out namesOneFile);
                }
                catch (Exception exception) when (exception is not PipelineStoppedException)
                {
                    WriteIdError(exception, id, "Job " + id);
                    continue;
                }

                if (namesOneFile)
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
                    var bytes = Run(token => _client!.DownloadPreRecordedAudioToFileAsync(id, destination, Force, bound, token));
                    WriteVerbose("Job " + id + ": " + bytes + " bytes written to " + destination);
                    WriteObject(OutputFiles.Item(this, destination));
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
