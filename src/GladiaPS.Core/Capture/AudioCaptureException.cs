using System;

namespace GladiaPS.Core.Capture
{
    /// <summary>A device that could not be listed, found, opened or kept: names the device and what went wrong.</summary>
    public sealed class AudioCaptureException : Exception
    {
        public AudioCaptureException(string? device, string message, Exception? innerException = null)
            : base(device is null ? message : "Audio device '" + device + "': " + message, innerException)
        {
            Device = device;
        }

        /// <summary>The device's name or id, when one was involved.</summary>
        public string? Device { get; }
    }
}
