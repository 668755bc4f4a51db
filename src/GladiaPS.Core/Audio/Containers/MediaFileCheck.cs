using System;
using System.IO;
using System.Text;

namespace GladiaPS.Core.Audio.Containers
{
    /// <summary>
    /// Whether a file can be audio or video at all, told from its length and first bytes, before it is sent anywhere:
    /// empty, text, or a well-known kind of file that is never media (a document, an image, an archive, a program).
    /// Anything else, known media or not, is left to the server, which takes far more formats than any list here.
    /// </summary>
    internal static class MediaFileCheck
    {
        /// <summary>How much of the file is read to tell.</summary>
        internal const int BytesRead = 4096;

        private static readonly (byte[] Magic, string Kind)[] NotMedia =
        {
            (Encoding.ASCII.GetBytes("%PDF-"), "a PDF document"),
            (new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "a ZIP archive (or an Office document)"),
            (new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "a PNG image"),
            (Encoding.ASCII.GetBytes("GIF8"), "a GIF image"),
            (new byte[] { 0xFF, 0xD8, 0xFF }, "a JPEG image"),
            (new byte[] { 0x7F, 0x45, 0x4C, 0x46 }, "an ELF program"),
            (new byte[] { 0x1F, 0x8B, 0x08 }, "a gzip archive"),
            (new byte[] { 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C }, "a 7-Zip archive"),
            (Encoding.ASCII.GetBytes("Rar!"), "a RAR archive"),
        };

        /// <summary>Reads the start of <paramref name="path"/> and throws when it cannot be audio or video.</summary>
        /// <exception cref="AudioFormatException">The file is empty, text, or a kind of file that is never media; names the file.</exception>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public static void ThrowIfNotMedia(string path, Stream file)
        {
            var start = new byte[(int)Math.Min(BytesRead, Math.Max(0, file.Length))];
            var read = 0;
            while (read < start.Length)
            {
                var n = file.Read(start, read, start.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (Problem(new ReadOnlySpan<byte>(start, 0, read), file.Length) is { } problem)
            {
                throw new AudioFormatException(path, problem.Reason, problem.Detail);
            }
        }

        /// <summary>Why a file of <paramref name="length"/> bytes that starts with <paramref name="start"/> cannot be media; null when it may be.</summary>
        internal static (AudioFormatError Reason, string Detail)? Problem(ReadOnlySpan<byte> start, long length)
        {
            if (length == 0)
            {
                return (AudioFormatError.NoAudio, "the file is empty (0 bytes); there is no audio to transcribe.");
            }

            if (WavHeader.Sniff(start) is not null || StartsWith(start, "RIFF") || StartsWith(start, "RF64"))
            {
                return null;
            }

            foreach (var (magic, kind) in NotMedia)
            {
                if (start.Length >= magic.Length && start.Slice(0, magic.Length).SequenceEqual(magic))
                {
                    return (AudioFormatError.NotMedia, "the file is " + kind + ", not audio or video.");
                }
            }

            return IsText(start) ? (AudioFormatError.NotMedia, "the file is text, not audio or video.") : null;
        }

        private static bool StartsWith(ReadOnlySpan<byte> start, string ascii) =>
            start.Length >= ascii.Length && start.Slice(0, ascii.Length).SequenceEqual(Encoding.ASCII.GetBytes(ascii));

        // Text: no control bytes but tab, line breaks and form feed, and valid UTF-8 (a byte order mark allowed). Audio and
        // video headers carry zeros and bytes above 0x7F that are not UTF-8 within their first few bytes.
        private static bool IsText(ReadOnlySpan<byte> start)
        {
            for (var i = 0; i < start.Length; i++)
            {
                var b = start[i];
                if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C)
                {
                    return false;
                }
            }

            try
            {
                // A character cut at the end of what was read is not a reason to call text binary.
                var whole = start.Length == BytesRead ? TrimPartialCharacter(start) : start;
                new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(whole.ToArray());
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        private static ReadOnlySpan<byte> TrimPartialCharacter(ReadOnlySpan<byte> start)
        {
            var end = start.Length;
            for (var back = 1; back <= 3 && end - back >= 0; back++)
            {
                var b = start[end - back];
                if ((b & 0xC0) != 0x80)
                {
                    // A lead byte: cut it off when the bytes after it do not complete its character.
                    var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                    return needed > back ? start.Slice(0, end - back) : start;
                }
            }

            return start;
        }
    }
}
