using System;
using System.Collections.Generic;

namespace GladiaPS.Core
{
    /// <summary>
    /// The extension a saved audio file gets from the name the server reports for a job's file (<c>file.filename</c>).
    /// That name is the server's text: only its last extension is read, and only when it is one of a fixed set of audio
    /// and video extensions, so it can never add a folder, a second dot, a device name or anything but those letters.
    /// </summary>
    public static class AudioFileExtension
    {
        /// <summary>The extension used when the server's name gives none of the known ones.</summary>
        public const string Unknown = ".audio";

        private static readonly HashSet<string> Known = new HashSet<string>(StringComparer.Ordinal)
        {
            "wav", "wave", "mp3", "m4a", "mp4", "aac", "flac", "ogg", "oga", "opus", "webm", "wma", "amr", "aif", "aiff",
            "caf", "mov", "mkv", "avi", "3gp", "mpga", "mpeg", "mpg", "m4v", "wmv", "au",
        };

        /// <summary>".mp3" for "call.mp3" (lower-cased); <see cref="Unknown"/> for null, no extension, or one not in the set.</summary>
        public static string FromServerFileName(string? fileName)
        {
            if (string.IsNullOrEmpty(fileName) || fileName!.Length > 1024)
            {
                return Unknown;
            }

            var dot = fileName.LastIndexOf('.');
            if (dot < 0 || dot == fileName.Length - 1)
            {
                return Unknown;
            }

            var extension = fileName.Substring(dot + 1).ToLowerInvariant();
            return Known.Contains(extension) ? "." + extension : Unknown;
        }
    }
}
