using System.Text.Json.Serialization;

namespace GladiaPS.Emulator
{
    /// <summary>
    /// One complete set of injected faults. Every property left at its default means "no fault".
    /// Used as the initial settings in <see cref="EmulatorOptions"/>, as the body of
    /// <c>PUT /emulator/faults</c> (snake_case JSON) and as the snapshot returned by <see cref="EmulatorFaults.Current"/>.
    /// </summary>
    public sealed record FaultSettings
    {
        /// <summary>Drop a WebSocket connection once it has received this many audio bytes (counted per connection).</summary>
        [JsonPropertyName("drop_after_bytes")]
        public long? DropAfterBytes { get; init; }

        /// <summary>How many connections to drop (across the whole emulator); null means 1 when <see cref="DropAfterBytes"/> is set.</summary>
        [JsonPropertyName("drops")]
        public int? Drops { get; init; }

        /// <summary>The close code sent when dropping; null drops the TCP connection abruptly without a close frame.</summary>
        [JsonPropertyName("drop_close_code")]
        public int? DropCloseCode { get; init; }

        /// <summary>Delay before each audio frame is acknowledged (and kept), in milliseconds.</summary>
        [JsonPropertyName("ack_delay_ms")]
        public int AckDelayMs { get; init; }

        /// <summary>Never acknowledge (nor keep) audio while set; frames wait until it is cleared or the client stops.</summary>
        [JsonPropertyName("stall")]
        public bool Stall { get; init; }

        /// <summary>Read audio from the socket no faster than this many bytes per second (back-pressure).</summary>
        [JsonPropertyName("read_bytes_per_second")]
        public long? ReadBytesPerSecond { get; init; }

        /// <summary>Fail <see cref="InitFailCount"/> session inits with this HTTP status (e.g. 429, 503).</summary>
        [JsonPropertyName("init_fail_status")]
        public int? InitFailStatus { get; init; }

        /// <summary>How many inits to fail; null means 1 when <see cref="InitFailStatus"/> is set.</summary>
        [JsonPropertyName("init_fail_count")]
        public int? InitFailCount { get; init; }

        /// <summary>Retry-After seconds sent with a 429 init failure.</summary>
        [JsonPropertyName("retry_after_seconds")]
        public int RetryAfterSeconds { get; init; } = 1;

        /// <summary>Send a text frame that is not JSON after the first acknowledged frame of each connection.</summary>
        [JsonPropertyName("send_non_json_frame")]
        public bool SendNonJsonFrame { get; init; }

        /// <summary>Send a text frame that is not valid UTF-8 after the first acknowledged frame of each connection (the WebSocket protocol forbids it).</summary>
        [JsonPropertyName("send_invalid_utf8_frame")]
        public bool SendInvalidUtf8Frame { get; init; }

        /// <summary>Send a message of an unknown type after the first acknowledged frame of each connection.</summary>
        [JsonPropertyName("send_unknown_message_type")]
        public bool SendUnknownMessageType { get; init; }

        /// <summary>End every session this many seconds after its init (the 3-hour limit, shortened).</summary>
        [JsonPropertyName("max_session_seconds")]
        public double? MaxSessionSeconds { get; init; }

        /// <summary>
        /// Accept every WebSocket connection and close it at once with this code, before reading anything: a server
        /// that is up but refuses to serve (1011 while overloaded, 1013 "try again later", 1008 …).
        /// </summary>
        [JsonPropertyName("close_connections_code")]
        public int? CloseConnectionsCode { get; init; }

        /// <summary>Answer every WebSocket upgrade with this HTTP status instead of switching protocols (a server that is down behind a proxy).</summary>
        [JsonPropertyName("refuse_connections_status")]
        public int? RefuseConnectionsStatus { get; init; }

        /// <summary>A server that lies about ids: these are listed by <c>GET /v2/live</c> as jobs, after the real ones of the first page.</summary>
        [JsonPropertyName("list_job_ids")]
        public string[]? ListJobIds { get; init; }

        /// <summary>A server that lies about ids: every message sent on a WebSocket carries this <c>session_id</c> instead of the session's.</summary>
        [JsonPropertyName("message_session_id")]
        public string? MessageSessionId { get; init; }

        /// <summary>A server that lies about ids: <c>GET /v2/live/{id}</c> and <c>GET /v2/pre-recorded/{id}</c> answer with this <c>id</c> instead of the job's.</summary>
        [JsonPropertyName("job_answer_id")]
        public string? JobAnswerId { get; init; }

        /// <summary>
        /// A server whose audio file never ends: after the session's WAV (or the job's file), <c>GET /v2/live/{id}/file</c>
        /// and <c>GET /v2/pre-recorded/{id}/file</c> send zeros until the client goes.
        /// </summary>
        [JsonPropertyName("endless_file")]
        public bool EndlessFile { get; init; }

        /// <summary>Pre-recorded: <c>POST /v2/upload</c> refuses a file larger than this with 413 (checked on Content-Length and while reading).</summary>
        [JsonPropertyName("upload_max_bytes")]
        public long? UploadMaxBytes { get; init; }

        /// <summary>Pre-recorded: the upload is read at most this fast (a slow server).</summary>
        [JsonPropertyName("upload_read_bytes_per_second")]
        public long? UploadReadBytesPerSecond { get; init; }

        /// <summary>Pre-recorded: seconds from creation to done; the first half queued, the second processing.</summary>
        [JsonPropertyName("job_seconds")]
        public double JobSeconds { get; init; } = 0.6;

        /// <summary>Pre-recorded: jobs end in error with this code (only those whose file name contains <see cref="JobErrorMatch"/>, when set).</summary>
        [JsonPropertyName("job_error_code")]
        public int? JobErrorCode { get; init; }

        [JsonPropertyName("job_error_match")]
        public string? JobErrorMatch { get; init; }

        /// <summary>Pre-recorded: <c>POST /v2/pre-recorded</c> answers this status (429 with <c>Retry-After</c>) <see cref="CreateFailCount"/> times.</summary>
        [JsonPropertyName("create_fail_status")]
        public int? CreateFailStatus { get; init; }

        [JsonPropertyName("create_fail_count")]
        public int? CreateFailCount { get; init; }

        /// <summary>Checks the values and returns a message naming the first bad one, or null.</summary>
        public string? Validate()
        {
            if (UploadMaxBytes is < 0) return "upload_max_bytes must be 0 or more";
            if (UploadReadBytesPerSecond is <= 0) return "upload_read_bytes_per_second must be more than 0";
            if (JobSeconds < 0 || double.IsNaN(JobSeconds) || JobSeconds > 3600) return "job_seconds must be 0 to 3600";
            if (JobErrorCode is { } jobError && (jobError < 400 || jobError > 599)) return "job_error_code must be an HTTP error status (400-599)";
            if (CreateFailStatus is { } create && (create < 400 || create > 599)) return "create_fail_status must be an HTTP error status (400-599)";
            if (CreateFailCount is < 0) return "create_fail_count must be 0 or more";
            if (DropAfterBytes is < 0) return "drop_after_bytes must be 0 or more";
            if (Drops is < 0) return "drops must be 0 or more";
            if (DropCloseCode is { } code && !IsSendableCloseCode(code))
                return "drop_close_code must be 1000-1003, 1007-1014 or 3000-4999";
            if (AckDelayMs < 0) return "ack_delay_ms must be 0 or more";
            if (ReadBytesPerSecond is <= 0) return "read_bytes_per_second must be more than 0";
            if (InitFailStatus is { } status && (status < 400 || status > 599))
                return "init_fail_status must be an HTTP error status (400-599)";
            if (InitFailCount is < 0) return "init_fail_count must be 0 or more";
            if (RetryAfterSeconds < 0) return "retry_after_seconds must be 0 or more";
            if (MaxSessionSeconds is <= 0) return "max_session_seconds must be more than 0";
            if (CloseConnectionsCode is { } closeCode && !IsSendableCloseCode(closeCode))
                return "close_connections_code must be 1000-1003, 1007-1014 or 3000-4999";
            if (RefuseConnectionsStatus is { } refuse && (refuse < 400 || refuse > 599))
                return "refuse_connections_status must be an HTTP error status (400-599)";
            return null;
        }

        internal static bool IsSendableCloseCode(int code) =>
            code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);
    }
}
