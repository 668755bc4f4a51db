using System;
using System.Collections.Generic;

namespace GladiaPS.Emulator
{
    /// <summary>Which of the emulator's two origins received a request.</summary>
    public enum EmulatorOrigin
    {
        /// <summary>The API origin (<see cref="GladiaEmulator.BaseUrl"/>).</summary>
        Api,

        /// <summary>The storage origin serving redirected file downloads (<see cref="GladiaEmulator.StorageBaseUrl"/>).</summary>
        Storage,
    }

    /// <summary>
    /// An HTTP request as received (WebSocket upgrades included). Header names are lower case; the
    /// value of <c>x-gladia-key</c> is replaced by <see cref="RedactedValue"/> so the key is never kept,
    /// while its presence still shows.
    /// </summary>
    public sealed record RecordedRequest(
        EmulatorOrigin Origin,
        string Method,
        string PathAndQuery,
        IReadOnlyDictionary<string, string> Headers,
        DateTimeOffset ReceivedAt)
    {
        public const string RedactedValue = "***";

        public bool HasHeader(string name) => Headers.ContainsKey(name.ToLowerInvariant());

        public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

        public override string ToString() => $"{Origin} {Method} {PathAndQuery}";
    }
}
