using System;
using System.Collections.Generic;
using System.Globalization;

namespace GladiaPS.Emulator
{
    /// <summary>Parses the emulator's command line into <see cref="EmulatorOptions"/>.</summary>
    internal static class CommandLine
    {
        public const string Help = """
            GladiaPS.Emulator: a local Gladia-compatible speech-to-text API (v2, live and pre-recorded) on 127.0.0.1,
            recognising tone words, with fault injection for testing clients.

            Usage:
              dotnet run --project tests/GladiaPS.Emulator -c Release -- --port 0 --api-key KEY [options]

            The first line on stdout is "listening http://127.0.0.1:PORT"; the second is
            "storage http://127.0.0.1:PORT" (the origin redirected file downloads go to). The server
            runs until it is killed (SIGTERM, SIGINT/Ctrl+C). Warnings go to stderr.

            Options:
              --port N                    API port on 127.0.0.1; 0 picks a free port (default 0)
              --api-key KEY               the key clients must send in x-gladia-key (required)
              --redirect-file-downloads   answer GET /v2/live/{id}/file with a 302 to the storage origin
              --temp-dir PATH             folder for the temporary files holding kept audio (default: system temp)
              -h, --help                  show this text

            Fault flags (each is also a field of PUT /emulator/faults, which changes them at run time;
            the field is the flag's name with '_' for '-', e.g. --job-seconds is job_seconds):
              --drop-after-bytes N        drop a WebSocket connection once it has received N audio bytes
              --drops K                   how many connections to drop that way (default 1)
              --drop-close-code C         close dropped connections with code C (1000-1003, 1007-1014,
                                          3000-4999); absent: drop the TCP connection abruptly, no close frame
              --ack-delay-ms D            acknowledge (and keep) each audio frame D ms after it arrives
              --stall                     never acknowledge audio (until a stop, or the fault is cleared)
              --read-bytes-per-second N   read audio no faster than N bytes/s (back-pressure)
              --init-fail-status S        fail session inits with HTTP status S (e.g. 429, 503)
              --init-fail-count K         how many inits to fail (default 1)
              --retry-after-seconds N     Retry-After sent with a 429 init or job-create failure (default 1)
              --send-non-json-frame       send a text frame that is not JSON after each connection's first ack
              --send-invalid-utf8-frame   send a text frame that is not valid UTF-8 after each connection's first ack
              --send-unknown-message-type send a message of an unknown type after each connection's first ack
              --max-session-seconds T     end every session T seconds after its init (the 3-hour limit, shortened)
              --close-connections-code C  accept every WebSocket and close it at once with code C (1000-1003,
                                          1007-1014, 3000-4999), e.g. 1011: a server that refuses to serve
              --refuse-connections-status S
                                          answer every WebSocket upgrade with HTTP status S (400-599)

            Pre-recorded fault flags:
              --upload-max-bytes N        refuse an upload larger than N bytes with 413 (naming the limit)
              --upload-read-bytes-per-second N
                                          read uploads no faster than N bytes/s (a slow server)
              --job-seconds T             how long a job takes, queued then processing (0 to 3600; default 0.6)
              --job-error-code C          jobs end in error with error_code C (400-599)
              --job-error-match TEXT      only jobs whose file name (or URL path) contains TEXT end in error
              --create-fail-status S      POST /v2/pre-recorded answers status S (400-599; 429 with Retry-After)
              --create-fail-count K       how many job creations to fail that way (default 1)

            Faults of a server that lies (the hostile tests'):
              --list-job-ids A,B          GET /v2/live lists these ids after the real ones of the first page
              --message-session-id ID     every WebSocket message carries this session_id
              --job-answer-id ID          GET /v2/live/{id} and /v2/pre-recorded/{id} answer under this id
              --endless-file              a session's or job's /file sends zeros after its audio, never ending
            """;

        /// <summary>Returns the options, or null with <paramref name="error"/> set (or with <paramref name="showHelp"/>).</summary>
        public static EmulatorOptions? Parse(IReadOnlyList<string> args, out bool showHelp, out string? error)
        {
            showHelp = false;
            error = null;
            int port = 0;
            string? apiKey = null;
            string? tempDir = null;
            var redirect = false;
            var faults = new FaultSettings();
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                string Value()
                {
                    if (i + 1 >= args.Count) throw new FormatException($"{arg} needs a value");
                    return args[++i];
                }

                try
                {
                    switch (arg)
                    {
                        case "-h" or "--help" or "-?":
                            showHelp = true;
                            return null;
                        case "--port": port = Int(arg, Value(), 0, 65535); break;
                        case "--api-key": apiKey = Value(); break;
                        case "--redirect-file-downloads": redirect = true; break;
                        case "--temp-dir": tempDir = Value(); break;
                        case "--drop-after-bytes": faults = faults with { DropAfterBytes = Long(arg, Value(), 0) }; break;
                        case "--drops": faults = faults with { Drops = Int(arg, Value(), 0, int.MaxValue) }; break;
                        case "--drop-close-code": faults = faults with { DropCloseCode = Int(arg, Value(), 1000, 4999) }; break;
                        case "--ack-delay-ms": faults = faults with { AckDelayMs = Int(arg, Value(), 0, int.MaxValue) }; break;
                        case "--stall": faults = faults with { Stall = true }; break;
                        case "--read-bytes-per-second": faults = faults with { ReadBytesPerSecond = Long(arg, Value(), 1) }; break;
                        case "--init-fail-status": faults = faults with { InitFailStatus = Int(arg, Value(), 400, 599) }; break;
                        case "--init-fail-count": faults = faults with { InitFailCount = Int(arg, Value(), 0, int.MaxValue) }; break;
                        case "--retry-after-seconds": faults = faults with { RetryAfterSeconds = Int(arg, Value(), 0, int.MaxValue) }; break;
                        case "--send-non-json-frame": faults = faults with { SendNonJsonFrame = true }; break;
                        case "--send-unknown-message-type": faults = faults with { SendUnknownMessageType = true }; break;
                        case "--max-session-seconds": faults = faults with { MaxSessionSeconds = Seconds(arg, Value()) }; break;
                        case "--close-connections-code": faults = faults with { CloseConnectionsCode = Int(arg, Value(), 1000, 4999) }; break;
                        case "--refuse-connections-status": faults = faults with { RefuseConnectionsStatus = Int(arg, Value(), 400, 599) }; break;
                        case "--send-invalid-utf8-frame": faults = faults with { SendInvalidUtf8Frame = true }; break;
                        case "--upload-max-bytes": faults = faults with { UploadMaxBytes = Long(arg, Value(), 0) }; break;
                        case "--upload-read-bytes-per-second": faults = faults with { UploadReadBytesPerSecond = Long(arg, Value(), 1) }; break;
                        case "--job-seconds": faults = faults with { JobSeconds = Double(arg, Value(), 0, 3600) }; break;
                        case "--job-error-code": faults = faults with { JobErrorCode = Int(arg, Value(), 400, 599) }; break;
                        case "--job-error-match": faults = faults with { JobErrorMatch = Value() }; break;
                        case "--create-fail-status": faults = faults with { CreateFailStatus = Int(arg, Value(), 400, 599) }; break;
                        case "--create-fail-count": faults = faults with { CreateFailCount = Int(arg, Value(), 0, int.MaxValue) }; break;
                        case "--list-job-ids": faults = faults with { ListJobIds = Value().Split(',') }; break;
                        case "--message-session-id": faults = faults with { MessageSessionId = Value() }; break;
                        case "--job-answer-id": faults = faults with { JobAnswerId = Value() }; break;
                        case "--endless-file": faults = faults with { EndlessFile = true }; break;
                        default:
                            error = $"unknown option '{arg}' (see --help)";
                            return null;
                    }
                }
                catch (FormatException ex)
                {
                    error = ex.Message;
                    return null;
                }
            }

            if (string.IsNullOrEmpty(apiKey))
            {
                error = "--api-key is required (see --help)";
                return null;
            }

            error = faults.Validate();
            if (error != null) return null;
            return new EmulatorOptions { ApiKey = apiKey, Port = port, RedirectFileDownloads = redirect, Faults = faults, TempDirectory = tempDir };
        }

        private static int Int(string name, string text, int min, int max) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new FormatException($"{name} must be an integer from {min} to {max} (got '{text}')");

        private static long Long(string name, string text, long min) =>
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min
                ? value
                : throw new FormatException($"{name} must be an integer of at least {min} (got '{text}')");

        private static double Double(string name, string text, double min, double max) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new FormatException($"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (got '{text}')");

        private static double Seconds(string name, string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
                ? value
                : throw new FormatException($"{name} must be a number of seconds above 0 (got '{text}')");
    }
}
