using System.Management.Automation;
using GladiaPS.Core.Audio;
using GladiaPS.Core.Audio.Containers;
using GladiaPS.Core.Options;
using GladiaPS.Infrastructure;

namespace GladiaPS.Commands
{
    /// <summary>Creates a live session (POST /v2/live) and connects its WebSocket; writes the session.</summary>
    [Cmdlet(VerbsCommon.New, "GladiaLiveSession", HelpUri = HelpLinks.Help + "New-GladiaLiveSession.md")]
    [OutputType(typeof(GladiaSession))]
    public sealed class NewGladiaLiveSessionCommand : LiveSessionOptionsCmdletBase
    {
        /// <summary>Take the audio format from this file: the format Send-GladiaAudio would send it at.</summary>
        [Parameter]
        public string? FromAudio { get; set; }

        protected override void EndProcessing()
        {
            SessionAudioFormat? chosen = null;
            if (FromAudio is not null)
            {
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(FromAudio);
                if (FilePaths.SpecialFileKind(this, path) is { } kind)
                {
                    ThrowTerminatingError(GladiaErrors.Create("-FromAudio " + FilePaths.NotAFileMessage(path, kind, "Give a regular file of the same format, or the format itself (-Encoding, -SampleRate, -BitDepth, -Channels)."), "NotAFile", ErrorCategory.InvalidArgument, FromAudio));
                }

                try
                {
                    chosen = Run(async token =>
                    {
                        using var source = await AudioFile.OpenAsync(path, null, new AudioReadOptions(), cancellationToken: token).ConfigureAwait(false);
                        return new SessionFormatChooser().Choose(source.Format, path);
                    });
                }
                catch (System.Exception exception) when (exception is not PipelineStoppedException)
                {
                    ThrowTerminatingError(GladiaErrors.From(exception, FromAudio, "-FromAudio '" + FromAudio + "'"));
                }
            }

            LiveSessionOptionsResult built;
            try
            {
                var format = ResolveFormat(chosen);
                built = new LiveSessionOptionsResult(format, BuildOptions(format));
            }
            catch (GladiaValidationException exception)
            {
                ThrowTerminatingError(new ErrorRecord(exception, "InvalidOption", ErrorCategory.InvalidArgument, exception.Field));
                return;
            }

            WarnUnknownValues(built.Options);
            WriteVerbose("Creating a session: " + built.Options);
            using var client = CreateClient();
            var runspaceId = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? System.Guid.Empty;
            GladiaSession session;
            try
            {
                session = Run(token => SessionFactory.StartAsync(
                    client, built.Options, BuildConnectionOptions(), built.Format, null, runspaceId, this, token));
            }
            catch (System.Exception exception) when (exception is not PipelineStoppedException)
            {
                // The server's refusal is reported like any failed item, so -ErrorAction and -ErrorVariable apply.
                WriteError(GladiaErrors.From(exception, null, "The session could not be created"));
                return;
            }

            session.Events.Release(this);
            WriteVerbose("Session " + session.Id + " at " + session.Url);
            WriteObject(session);
        }

        private sealed class LiveSessionOptionsResult
        {
            public LiveSessionOptionsResult(SessionAudioFormat format, LiveSessionOptions options)
            {
                Format = format;
                Options = options;
            }

            public SessionAudioFormat Format { get; }

            public LiveSessionOptions Options { get; }
        }
    }
}
