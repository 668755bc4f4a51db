using System;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Emulator.PreRecorded
{
    /// <summary>
    /// A pre-recorded job: <c>queued</c> for the first half of its delay, <c>processing</c> for the second, then
    /// <c>done</c> with the result built on first sight (or <c>error</c> when the job-error fault matches its file).
    /// </summary>
    internal sealed class EmulatedJob
    {
        private readonly object _gate = new();
        private readonly Func<CancellationToken, Task<(UploadedAudio? Audio, int? ErrorCode)>> _audio;
        private readonly double _seconds;
        private readonly int? _faultErrorCode;
        private readonly Stopwatch _age = Stopwatch.StartNew();
        private JsonObject? _result;
        private UploadedAudio? _file;
        private int? _errorCode;
        private DateTimeOffset? _completedAt;

        public EmulatedJob(JsonObject request, string source, double seconds, int? faultErrorCode,
            Func<CancellationToken, Task<(UploadedAudio? Audio, int? ErrorCode)>> audio)
        {
            Request = request;
            Source = source;
            _seconds = seconds;
            _faultErrorCode = faultErrorCode;
            _audio = audio;
        }

        public string Id { get; } = Guid.NewGuid().ToString();

        public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;

        public JsonObject Request { get; }

        public string Source { get; }

        public JsonObject? CustomMetadata => Request["custom_metadata"] as JsonObject;

        /// <summary>The audio the job read, once it finished (for <c>/file</c>).</summary>
        public UploadedAudio? File
        {
            get
            {
                lock (_gate) return _file;
            }
        }

        public string Status
        {
            get
            {
                lock (_gate)
                {
                    if (_completedAt != null) return _errorCode is null ? "done" : "error";
                }

                var elapsed = _age.Elapsed.TotalSeconds;
                return elapsed < _seconds / 2 ? "queued" : elapsed < _seconds ? "processing" : "finishing";
            }
        }

        /// <summary>Finishes the job when its time has come; returns its JSON.</summary>
        public async Task<JsonObject> ToJobAsync(CancellationToken cancellationToken)
        {
            if (Status == "finishing")
            {
                var (audio, error) = await _audio(cancellationToken).ConfigureAwait(false);
                error ??= _faultErrorCode;
                JsonObject? result = null;
                if (error is null && audio != null)
                {
                    result = await Task.Run(() => TranscriptBuilder.Build(audio.WavPath, Request, audio.Duration, audio.Channels, _seconds), cancellationToken).ConfigureAwait(false);
                }

                lock (_gate)
                {
                    if (_completedAt is null)
                    {
                        _file = audio;
                        _errorCode = error;
                        _result = result;
                        _completedAt = DateTimeOffset.UtcNow;
                    }
                }
            }

            return ToJob();
        }

        /// <summary>The job's JSON as it stands (a job whose time has come but not yet finished shows as processing).</summary>
        public JsonObject ToJob()
        {
            var status = Status;
            lock (_gate)
            {
                return new JsonObject
                {
                    ["id"] = Id,
                    ["request_id"] = "G-" + Id.Substring(0, 8),
                    ["version"] = 2,
                    ["status"] = status == "finishing" ? "processing" : status,
                    ["created_at"] = Protocol.Timestamps.Format(CreatedAt),
                    ["completed_at"] = _completedAt is { } completed ? Protocol.Timestamps.Format(completed) : null,
                    ["custom_metadata"] = CustomMetadata?.DeepClone(),
                    ["error_code"] = _errorCode,
                    ["kind"] = "pre-recorded",
                    ["post_session_metadata"] = new JsonObject(),
                    ["file"] = _file is null ? null : new JsonObject
                    {
                        ["id"] = _file.Id,
                        ["filename"] = _file.FileName,
                        ["source"] = Source,
                        ["audio_duration"] = Math.Round(_file.Duration, 3),
                        ["number_of_channels"] = _file.Channels,
                    },
                    ["request_params"] = Request.DeepClone(),
                    ["result"] = _result?.DeepClone(),
                };
            }
        }
    }
}
