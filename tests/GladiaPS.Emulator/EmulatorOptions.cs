using System;

namespace GladiaPS.Emulator
{
    /// <summary>How to start a <see cref="GladiaEmulator"/>.</summary>
    public sealed class EmulatorOptions
    {
        /// <summary>The key clients must send in <c>x-gladia-key</c>.</summary>
        public required string ApiKey { get; init; }

        /// <summary>Port for the API origin on 127.0.0.1; 0 picks a free one.</summary>
        public int Port { get; init; }

        /// <summary>Answer <c>GET /v2/live/{id}/file</c> with a 302 to the storage origin instead of the bytes.</summary>
        public bool RedirectFileDownloads { get; init; }

        /// <summary>Faults in force from the start.</summary>
        public FaultSettings Faults { get; init; } = new();

        /// <summary>Folder for the temporary files holding each session's kept audio; the system temp folder when null.</summary>
        public string? TempDirectory { get; init; }

        /// <summary>Where warnings go (the command line passes stderr); nothing is logged when null.</summary>
        public System.IO.TextWriter? WarningLog { get; init; }

        internal void Validate()
        {
            if (string.IsNullOrEmpty(ApiKey)) throw new ArgumentException("ApiKey must not be empty.", nameof(ApiKey));
            if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0-65535.");
            var problem = Faults.Validate();
            if (problem != null) throw new ArgumentException(problem, nameof(Faults));
        }

        public override string ToString() => $"EmulatorOptions {{ Port = {Port}, RedirectFileDownloads = {RedirectFileDownloads}, ApiKey = *** }}";
    }
}
