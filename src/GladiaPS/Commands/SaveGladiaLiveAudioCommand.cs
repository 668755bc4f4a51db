using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using GladiaPS.Core.Rest;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>GET /v2/live/{id}/file: the audio a session received, streamed to disk as a WAV file.</summary>
    [Cmdlet(VerbsData.Save, "GladiaLiveAudio", SupportsShouldProcess = true, DefaultParameterSetName = IdSet, HelpUri = HelpLinks.Help + "Save-GladiaLiveAudio.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveGladiaLiveAudioCommand : SessionIdCmdletBase
    {
        private GladiaRestClient? _client;
        private string? _singleFileSession;

        /// <summary>A file, or a folder to write &lt;id&gt;.wav into; the current folder when omitted.</summary>
        [Parameter(Position = 1)]
        public string? Path { get; set; }

        /// <summary>Overwrite a file that exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Wait for a session still streaming in this PowerShell session to end, then save its whole audio.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Seconds to wait at most with -Wait (default 7200, plus 3 h 5 min for a session still open here).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public double? Timeout { get; set; }

        protected override void BeginProcessing() => _client = CreateClient();

        protected override void ProcessRecord()
        {
            foreach (var id in NewIds())
            {
                if (!Wait && OpenHere(id) is { } open)
                {
                    // Its audio is whole only once it has ended; waiting here unasked could be for good.
                    WriteError(GladiaErrors.Create(
                        "Session " + id + " is still " + open.Status + " in this PowerShell session, so its audio is not complete; pass -Wait (with -Timeout) to save it once it ends, or end it with Stop-GladiaRecording first.",
                        "SessionStillStreaming", ErrorCategory.ResourceBusy, id));
                    continue;
                }

                string destination;
                bool namesOneFile;
                try
                {
                    destination = OutputFiles.Destination(this, Path, id + ".wav", out namesOneFile);
                }
                catch (ArgumentException exception)
                {
                    WriteIdError(exception, id, "Session " + id);
                    continue;
                }

                if (namesOneFile)
                {
                    // -Path names one file: a second session would overwrite the first one's audio.
                    if (_singleFileSession is not null && _singleFileSession != id)
                    {
                        WriteError(GladiaErrors.Create(
                            "-Path '" + Path + "' names one file, which already holds session " + _singleFileSession + "; to save several sessions, give a folder.",
                            "SeveralSessionsOneFile", ErrorCategory.InvalidArgument, id));
                        continue;
                    }

                    _singleFileSession = id;
                }

                if (File.Exists(destination) && !Force)
                {
                    WriteError(GladiaErrors.Create("'" + destination + "' exists; pass -Force to overwrite it.", "FileExists", ErrorCategory.ResourceExists, destination));
                    continue;
                }

                if (!ShouldProcess(destination, "Save the audio of session " + id))
                {
                    continue;
                }

                try
                {
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
                    var seconds = WaitBounds.For(Timeout, OpenHere(id) is not null);
                    var bytes = Run(async token =>
                    {
                        await WithinAsync(
                            seconds,
                            async within =>
                            {
                                await WaitIfStreamingHereAsync(id, within).ConfigureAwait(false);
                                return true;
                            },
                            () => "Session " + id + " was still streaming here after " + seconds.ToString(CultureInfo.InvariantCulture) + " s" +
                                (Timeout is null ? " (the wait's bound without -Timeout)" : string.Empty) + "; nothing was saved.",
                            token).ConfigureAwait(false);
                        // The job says how long the audio is: a body past that (with a margin) is not this session's audio.
                        var job = await _client!.GetLiveJobAsync(id, token).ConfigureAwait(false);
                        return await _client!.DownloadLiveAudioToFileAsync(id, destination, Force, LiveAudioBound.For(job), token).ConfigureAwait(false);
                    });
                    WriteVerbose("Session " + id + ": " + bytes + " bytes written to " + destination);
                    WriteObject(OutputFiles.Item(this, destination));
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
